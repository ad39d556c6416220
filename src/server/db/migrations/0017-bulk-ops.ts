/**
 * Bulk operations (seed 003 §11) run as jobs of two more kinds: a status update over many orders
 * (bulk-status) and the reconciliation of an external feed (reconcile). Their per-order reports are
 * the job's output, in job_files like an export's.
 */
export const sql = /* sql */ `
alter table jobs drop constraint jobs_kind_check;
alter table jobs add constraint jobs_kind_check check (kind in ('export', 'import', 'bulk-status', 'reconcile'));
`;
