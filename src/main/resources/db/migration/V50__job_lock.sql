-- Periodic jobs run once per cluster: a node runs a job only while it holds the job's lease.
create table job_lock (
    name          varchar(64) primary key,
    locked_until  timestamp with time zone not null,
    locked_at     timestamp with time zone not null,
    locked_by     varchar(128) not null
);
