import { describe, expect, it } from 'vitest';
import type { StationPeople, StationUser } from '../../../shared/contract/index';
import { ageText } from './age';
import { maySupervise } from './supervisor-access';
import { taskKindName } from './task-kind';

const signedIn = (role: StationUser['role'] | null): StationPeople => ({
  users: [],
  refreshedAt: null,
  signedIn: role ? { id: 'u', name: 'Someone', role } : null,
});

describe('supervisor screen access', () => {
  it('is offered to supervisors and admins only', () => {
    expect(maySupervise(signedIn('supervisor'))).toBe(true);
    expect(maySupervise(signedIn('admin'))).toBe(true);
    expect(maySupervise(signedIn('packer'))).toBe(false);
    expect(maySupervise(signedIn('returns'))).toBe(false);
    expect(maySupervise(signedIn(null))).toBe(false);
    expect(maySupervise(null)).toBe(false);
  });
});

describe('age of waiting work', () => {
  const now = Date.parse('2026-12-02T12:00:00Z');
  it('says minutes, hours, then days', () => {
    expect(ageText('2026-12-02T11:59:40Z', now)).toBe('just now');
    expect(ageText('2026-12-02T11:15:00Z', now)).toBe('45 min');
    expect(ageText('2026-12-02T09:00:00Z', now)).toBe('3 h');
    expect(ageText('2026-11-30T11:00:00Z', now)).toBe('2 d');
    // A station clock behind the server's does not show negative ages.
    expect(ageText('2026-12-02T12:05:00Z', now)).toBe('just now');
  });
});

describe('task kinds', () => {
  it('are said in words, not as identifiers', () => {
    expect(taskKindName('sync-conflict')).toBe('Conflict');
    expect(taskKindName('return-label-refund-failed')).toBe('Return label refund failed');
    expect(taskKindName('pick-short')).toBe('Pick short');
  });
});
