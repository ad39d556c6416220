/**
 * Returns replicate to returns-desk stations: like a fulfillment order, a return records the
 * highest seq of each station whose events it reflects, so a station folds only what is new.
 */
export const sql = /* sql */ `
alter table returns add column applied_seq jsonb not null default '{}';
`;
