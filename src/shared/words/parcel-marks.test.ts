import { describe, expect, it } from 'vitest';
import { parcelMarks } from './parcel-marks';

describe('parcel marks', () => {
  it('names a parcel by the SSCC and the tracking number it has, and by nothing it lacks', () => {
    expect(parcelMarks({ sscc: '106141410000000777', trackingNumber: '1Z999AA10123456784' })).toEqual([
      'SSCC 106141410000000777',
      'tracking 1Z999AA10123456784',
    ]);
    expect(parcelMarks({ sscc: null, trackingNumber: '1Z999AA10123456784' })).toEqual(['tracking 1Z999AA10123456784']);
    expect(parcelMarks({ sscc: '106141410000000777' })).toEqual(['SSCC 106141410000000777']);
    expect(parcelMarks({})).toEqual([]);
  });
});
