-- The summary of a work order (the resident's own words) and its place (often an address) are
-- personal data: from now on stored only encrypted with the data key (AES-GCM, base64). The plain
-- columns stay for orders written before this migration: the application encrypts those at start
-- (WorkOrderEncryption) and reads the plain column of a row until it has. H2 and PostgreSQL.
alter table work_order add column summary_enc varchar(12000);
alter table work_order add column location_enc varchar(2400);
alter table work_order alter column summary drop not null;
