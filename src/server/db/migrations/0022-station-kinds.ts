/**
 * What a station is for: a packing station picks, packs and ships orders; a returns desk receives
 * returns and packs nothing, so work is never moved or assigned to one. Stations registered before
 * kinds existed said what they were only in their name: one named a returns desk is taken as one.
 */
export const sql = /* sql */ `
alter table stations add column kind text not null default 'packing' check (kind in ('packing', 'returns'));
update stations set kind = 'returns' where name ~* 'returns?[ -]*desk';
`;
