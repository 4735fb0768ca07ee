-- Model use per workspace and caller (an API key or a person) per day (UTC), for quotas and the usage report.
create table model_usage (
    workspace_id uuid not null references workspace (id) on delete cascade,
    caller_id    uuid not null,
    caller       varchar(320) not null,
    usage_day    date not null,
    calls        bigint not null,
    tokens       bigint not null,
    primary key (workspace_id, caller_id, usage_day)
);
