import { describe, expect, it } from 'vitest';
import { SOCKET_ERROR_CODES, connectionTrouble } from './connection-trouble';

describe('connection trouble in words', () => {
  it('says what happened and what to do for every socket error code, without the code', () => {
    const said = SOCKET_ERROR_CODES.map((code) => connectionTrouble('The printer at 10.0.0.5:9100', code));
    for (const [i, text] of said.entries()) {
      expect(text).toMatch(/^The printer at 10\.0\.0\.5:9100 .+: (check|ask) /);
      expect(text).not.toContain(SOCKET_ERROR_CODES[i]);
    }
    expect(new Set(said).size).toBe(SOCKET_ERROR_CODES.length);
    expect(said[0]).toBe('The printer at 10.0.0.5:9100 is not answering: check it is switched on and its cable is in');
  });

  it('reads kin codes as theirs and an unknown code as not answering', () => {
    expect(connectionTrouble('The scale', 'ENETUNREACH')).toBe(connectionTrouble('The scale', 'EHOSTUNREACH'));
    expect(connectionTrouble('The scale', 'EPIPE')).toBe(connectionTrouble('The scale', 'ECONNRESET'));
    expect(connectionTrouble('The scale', 'EWHATEVER')).toBe(connectionTrouble('The scale', 'ECONNREFUSED'));
  });
});
