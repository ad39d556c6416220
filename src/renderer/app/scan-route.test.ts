import { describe, expect, it } from 'vitest';
import { scanRoute, type ScanReceivers } from './scan-route';

function receivers() {
  const got: string[] = [];
  const to: ScanReceivers = {
    signIn: (c) => got.push(`sign-in ${c}`),
    returns: (c) => got.push(`returns ${c}`),
    pick: (c) => got.push(`pick ${c}`),
    pack: (c) => got.push(`pack ${c}`),
    show: (s) => got.push(`show ${s}`),
  };
  return { got, to };
}

describe('where a scan goes', () => {
  it('to the badge reader until someone signs in, whatever screen was last shown', () => {
    const { got, to } = receivers();
    scanRoute('returns', true, to)('DKS-1001');
    expect(got).toEqual(['sign-in DKS-1001']);
  });

  it('to the screen in front of the person where it takes scans', () => {
    const { got, to } = receivers();
    scanRoute('returns', false, to)('RMA-1');
    scanRoute('pick', false, to)('BIN-A1');
    scanRoute('pack', false, to)('ORD-1');
    expect(got).toEqual(['returns RMA-1', 'pick BIN-A1', 'pack ORD-1']);
  });

  it('from a screen that takes no scans, to packing with the Pack screen brought to the front first', () => {
    for (const screen of ['printers', 'activity', 'supervisor'] as const) {
      const { got, to } = receivers();
      scanRoute(screen, false, to)('ORD-20261123-00004');
      expect(got).toEqual(['show pack', 'pack ORD-20261123-00004']);
    }
  });
});
