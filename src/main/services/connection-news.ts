import type { ConnectionState } from '../../shared/contract/index';

export interface ConnectionNews {
  /** Every change, as the pages are told it. */
  changed: (state: ConnectionState) => void;
  /** Enrolled or back online. */
  cameOnline: () => void;
  /** The server has just refused this station as revoked. */
  revoked: () => void;
  /** The link's first attempt to reach the server since start failed (unreachable, refused, revoked); told once. */
  firstAttemptFailed: () => void;
}

/**
 * The link's connection changes, turned into what the station does about them. Coming (back)
 * online is news only once, not on each renewed contact (told every few seconds while the station
 * works): a renewal rewrites every hold of the station that is past half its term, and every
 * station of the warehouse pulls those orders again.
 */
export function connectionNews(news: ConnectionNews): (state: ConnectionState) => void {
  let wasOnline = false;
  let wasRevoked = false;
  let attempted = false;
  return (state) => {
    news.changed(state);
    // The state the link starts with (offline, no error) is no attempt yet: its first answer or failure is.
    const firstFailed = !attempted && !state.online && (state.lastError !== null || state.revoked !== null);
    attempted ||= state.online || firstFailed;
    const cameOnline = state.online && !wasOnline;
    const revoked = state.revoked !== null && !wasRevoked;
    wasOnline = state.online;
    wasRevoked = state.revoked !== null;
    if (cameOnline) news.cameOnline();
    if (revoked) news.revoked();
    if (firstFailed) news.firstAttemptFailed();
  };
}
