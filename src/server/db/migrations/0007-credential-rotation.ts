/**
 * Revocation and rotation of credentials (src/server/auth/credential-changes.ts). A rotated-out or
 * re-enrolled secret keeps its hash as `retired_*` so its holder is told "revoked" (a specific
 * code it can act on) instead of "unknown"; only the one most recent secret is kept.
 */
export const sql = /* sql */ `
alter table stations add column retired_credential_hash text;
alter table stations add column credential_replaced_at timestamptz;

alter table api_keys add column retired_lookup_prefix text;
alter table api_keys add column retired_secret_hash text;
alter table api_keys add column rotated_at timestamptz;
create index api_keys_retired_lookup_idx on api_keys (retired_lookup_prefix) where retired_lookup_prefix is not null;
`;
