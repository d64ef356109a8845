-- The knowledge source of a cluster (linli.knowledge.store=database): the policy documents
-- themselves, one row per file, and a version that every change bumps. Each node builds its own
-- Lucene index from these rows and rebuilds it when the version moves, so a change made through
-- one node reaches every node without a shared folder and without a restart.
create table kb_document (
    file_name   varchar(200)     not null primary key,
    content     varchar(1000000) not null,
    updated_at  timestamp with time zone not null,
    updated_by  varchar(128)     not null
);

create table kb_version (
    id          int       not null primary key,
    version     bigint    not null,
    changed_at  timestamp with time zone not null
);

insert into kb_version (id, version, changed_at) values (1, 0, current_timestamp);
