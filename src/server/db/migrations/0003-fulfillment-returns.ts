/** Placeholder until its area lands; filled in before any release, never edited after. */
export const sql = /* sql */ `select 1;`;
