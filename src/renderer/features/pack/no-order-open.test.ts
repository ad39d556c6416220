import { describe, expect, it } from 'vitest';
import { noOrderOpenMessage } from './no-order-open';

describe('a scan with no order open that opens none', () => {
  it('says what the code is and what to scan instead', () => {
    expect(noOrderOpenMessage('5012345678900')).toBe('5012345678900 is an item: scan its order number first, then the items');
    expect(noOrderOpenMessage('RMA-20261205-00001')).toBe('RMA-20261205-00001 is a return: receive it at the Returns desk');
    expect(noOrderOpenMessage('ORD-20261205-09999')).toBe('ORD-20261205-09999 is not an order assigned to this station');
    // A number whose check digit is wrong is not taken for an item.
    expect(noOrderOpenMessage('5012345678901')).toBe('5012345678901 is not an order assigned to this station');
  });
});
