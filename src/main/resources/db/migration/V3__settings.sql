-- Settings administrators change at run time (for example staffed hours), overriding the
-- configured defaults. One row per setting.
create table setting (
    name        varchar(64) primary key,
    setting_value  varchar(1000) not null,
    updated_at  timestamp with time zone not null,
    updated_by  varchar(64) not null
);
