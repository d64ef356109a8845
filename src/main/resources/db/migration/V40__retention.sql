-- Retention of personal data (plain SQL for H2 and PostgreSQL alike).

-- Anonymous statistics that outlive purged message text: how many messages per day (UTC),
-- channel, direction and intent. No conversation, no resident, no text.
create table message_stats (
    stat_day   date not null,
    channel    varchar(16) not null,
    direction  varchar(3) not null,
    intent     varchar(32) not null,
    messages   integer not null,
    constraint pk_message_stats primary key (stat_day, channel, direction, intent)
);

-- When the text of a message was purged under the retention rule (null: still there).
alter table message add column purged_at timestamp with time zone;
create index ix_message_created on message (created_at);

-- Cluster-wide job locks: a node runs a job only after claiming its row with a guarded update
-- (... where locked_until < now), so several nodes never run the same job at once.
create table job_lock (
    name          varchar(64) primary key,
    locked_until  timestamp with time zone not null,
    locked_by     varchar(64)
);
insert into job_lock (name, locked_until, locked_by)
    values ('retention', timestamp with time zone '2000-01-01 00:00:00+00', null);
