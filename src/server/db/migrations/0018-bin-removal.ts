/**
 * A bin location can be removed (a re-slotted aisle, a broken shelf). The row stays, marked
 * removed, so the warehouse's stations pull its removal (a tombstone) on the shared revision
 * counter; its code still names it (adding that code again brings it back), and its label's
 * barcode is free for a bin in use.
 */
export const sql = /* sql */ `
alter table bin_locations add column removed_at timestamptz;
alter table bin_locations drop constraint bin_locations_warehouse_id_barcode_key;
create unique index bin_locations_barcode_in_use on bin_locations (warehouse_id, barcode) where removed_at is null;
`;
