import { beforeEach, describe, expect, it } from 'vitest';
import { useStation } from '../../app/station-store';
import { signInWithBadge } from './badge-sign-in';

// Files share a worker's store (vitest.config.ts): start from its initial state, not another file's.
beforeEach(() => useStation.setState(useStation.getInitialState(), true));

describe('a badge scanned at sign-in', () => {
  it('says in words that a code too long or too short is no badge, and asks no one', async () => {
    const asked: unknown[] = [];
    const client = { call: async (...args: unknown[]) => void asked.push(args) } as never;
    for (const code of ['x'.repeat(500), 'AB12']) {
      await signInWithBadge(client, code);
      expect(useStation.getState().message).toMatchObject({
        kind: 'error',
        text: 'That code is not a badge: scan your badge again, or tap your name and type your PIN.',
      });
    }
    expect(asked).toEqual([]);
  });

  it('signs in by a badge of a badge’s length', async () => {
    const client = { call: async () => ({ id: 'u1', name: 'Priya Packer' }) } as never;
    await signInWithBadge(client, 'DKS-LON-1-1002');
    expect(useStation.getState().message).toMatchObject({ kind: 'success', text: 'Signed in as Priya Packer' });
  });
});
