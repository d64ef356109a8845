-- A report a family member or carer opened for a resident: the resident stays the order's
-- subject (work_order.resident_id), this column names the carer's record (resident_proxy.id)
-- that acted for them. No foreign key: erasing a carer's record leaves the order and its history.
alter table work_order add column reported_by_proxy bigint;
