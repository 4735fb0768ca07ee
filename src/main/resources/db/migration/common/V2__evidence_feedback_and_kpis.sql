-- Evidence: customer feedback and KPIs. Text is stored only after normalisation and PII
-- redaction. dedupe_key is "ext:<external id>" or "sha:<hash of the normalised content>",
-- so importing the same item twice never stores it twice.

create table feedback (
    id              uuid primary key,
    workspace_id    uuid not null references workspace (id) on delete cascade,
    journey_id      uuid references journey (id) on delete cascade,
    stage_id        uuid references stage (id) on delete set null,
    touchpoint_id   uuid references touchpoint (id) on delete set null,
    dedupe_key      varchar(300) not null,
    external_id     varchar(200),
    text            varchar(20000) not null,
    language        varchar(8) not null,
    hidden_text     boolean not null,
    pii_redacted    int not null,
    source_channel  varchar(32) not null,
    csat            int,
    nps             int,
    rating          decimal(4, 2),
    feedback_date   date,
    segment         varchar(200),
    created_at      timestamp with time zone not null,
    constraint feedback_dedupe unique (workspace_id, dedupe_key)
);
create index feedback_journey on feedback (workspace_id, journey_id);
create index feedback_touchpoint on feedback (workspace_id, touchpoint_id);

create table kpi (
    id              uuid primary key,
    workspace_id    uuid not null references workspace (id) on delete cascade,
    journey_id      uuid references journey (id) on delete cascade,
    stage_id        uuid references stage (id) on delete set null,
    touchpoint_id   uuid references touchpoint (id) on delete set null,
    dedupe_key      varchar(300) not null,
    external_id     varchar(200),
    metric          varchar(100) not null,
    kpi_value       decimal(20, 6) not null,
    unit            varchar(32),
    period          varchar(32),
    target          decimal(20, 6),
    higher_is_better boolean not null,
    daily_traffic   decimal(20, 2),
    created_at      timestamp with time zone not null,
    constraint kpi_dedupe unique (workspace_id, dedupe_key)
);
create index kpi_journey on kpi (workspace_id, journey_id);
create index kpi_touchpoint on kpi (workspace_id, touchpoint_id);
