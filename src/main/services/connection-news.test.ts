import { describe, expect, it, vi } from 'vitest';
import type { ConnectionState } from '../../shared/contract/index';
import { connectionNews } from './connection-news';

const offline: ConnectionState = { online: false, lastContactAt: null, lastError: 'server unreachable', revoked: null };
const online: ConnectionState = { online: true, lastContactAt: '2026-12-06T07:00:00.000Z', lastError: null, revoked: null };
const revoked: ConnectionState = { ...offline, revoked: { detail: 'revoked by an admin', since: '2026-12-06T07:01:00.000Z' } };

describe("the station's connection news", () => {
  it('tells every change, coming online once per return (not each renewed contact), and a revocation once', () => {
    const news = { changed: vi.fn(), cameOnline: vi.fn(), revoked: vi.fn(), firstAttemptFailed: vi.fn() };
    const told = connectionNews(news);
    for (const state of [offline, online, { ...online, lastContactAt: '2026-12-06T07:00:10.000Z' }, revoked, revoked, online]) told(state);
    expect(news.changed).toHaveBeenCalledTimes(6);
    expect(news.cameOnline).toHaveBeenCalledTimes(2);
    expect(news.revoked).toHaveBeenCalledOnce();
    expect(news.firstAttemptFailed).toHaveBeenCalledOnce();
  });

  it("tells the first attempt's failure once, and nothing of it when the station first came online", () => {
    const startedOnline = { changed: vi.fn(), cameOnline: vi.fn(), revoked: vi.fn(), firstAttemptFailed: vi.fn() };
    const toOnline = connectionNews(startedOnline);
    for (const state of [online, offline, revoked]) toOnline(state);
    expect(startedOnline.firstAttemptFailed).not.toHaveBeenCalled();
    const startedRevoked = { changed: vi.fn(), cameOnline: vi.fn(), revoked: vi.fn(), firstAttemptFailed: vi.fn() };
    const toRevoked = connectionNews(startedRevoked);
    for (const state of [revoked, offline]) toRevoked(state);
    expect(startedRevoked.firstAttemptFailed).toHaveBeenCalledOnce();
  });
});
