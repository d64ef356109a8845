-- Periodic jobs run once per cluster: a node runs a job only while it holds the job's lease.
-- The job_lock table came with the retention job (V40); leases also record when they were taken,
-- and name the node that holds them.
alter table job_lock add column locked_at timestamp with time zone;
alter table job_lock alter column locked_by set data type varchar(128);
