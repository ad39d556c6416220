/**
 * SSCC serial references are handed to stations in blocks, as tracking numbers are (0008), so no
 * two stations number parcels alike under one company prefix: an SSCC must be unique worldwide.
 * One row per (extension digit, company prefix) holds the next free serial and is locked while a
 * block is cut; every block handed out is kept, to trace an SSCC to the station that held it.
 */
export const sql = /* sql */ `
create table sscc_ranges (
  extension_digit smallint not null check (extension_digit between 0 and 9),
  company_prefix text not null check (company_prefix ~ '^[0-9]{6,12}$'),
  next_serial bigint not null,
  primary key (extension_digit, company_prefix)
);

create table sscc_blocks (
  id uuid primary key,
  extension_digit smallint not null,
  company_prefix text not null,
  station_id uuid not null references stations(id),
  first_serial bigint not null,
  last_serial bigint not null,
  issued_at timestamptz not null default now(),
  foreign key (extension_digit, company_prefix) references sscc_ranges (extension_digit, company_prefix)
);
create index sscc_blocks_range_idx on sscc_blocks (extension_digit, company_prefix, first_serial);
`;
