-- Shared by H2 (PostgreSQL mode) and PostgreSQL: keep to types and syntax both understand.
-- Every table carries workspace_id so that every query can be scoped to the tenant.
-- List-valued attributes (needs, pains, channels, ...) are stored as JSON arrays in text columns.

create table workspace (
    id          uuid primary key,
    slug        varchar(64)  not null unique,
    name        varchar(200) not null,
    created_at  timestamp with time zone not null
);

create table api_key (
    id            uuid primary key,
    workspace_id  uuid not null references workspace (id) on delete cascade,
    name          varchar(200) not null,
    role          varchar(16)  not null,
    key_hash      varchar(64)  not null unique,
    key_prefix    varchar(16)  not null,
    created_at    timestamp with time zone not null,
    revoked_at    timestamp with time zone
);
create index api_key_workspace on api_key (workspace_id);

create table brand_profile (
    workspace_id       uuid primary key references workspace (id) on delete cascade,
    tone               varchar(2000) not null,
    words_to_use       varchar(10000) not null,
    words_to_avoid     varchar(10000) not null,
    mandatory_phrases  varchar(10000) not null,
    default_language   varchar(8) not null,
    version            bigint not null,
    updated_at         timestamp with time zone not null
);

create table journey (
    id            uuid primary key,
    workspace_id  uuid not null references workspace (id) on delete cascade,
    name          varchar(200) not null,
    description   varchar(4000),
    language      varchar(8) not null,
    stage_model   varchar(16) not null,
    version       bigint not null,
    created_at    timestamp with time zone not null,
    updated_at    timestamp with time zone not null
);
create index journey_workspace on journey (workspace_id);

create table stage (
    id              uuid primary key,
    workspace_id    uuid not null references workspace (id) on delete cascade,
    journey_id      uuid not null references journey (id) on delete cascade,
    position        int not null,
    stage_key       varchar(64),
    name            varchar(200) not null,
    description     varchar(4000),
    customer_needs  varchar(10000) not null,
    actions         varchar(10000) not null,
    motivations     varchar(10000) not null,
    questions       varchar(10000) not null,
    pains           varchar(10000) not null,
    gains           varchar(10000) not null,
    version         bigint not null,
    created_at      timestamp with time zone not null,
    updated_at      timestamp with time zone not null
);
create index stage_journey on stage (workspace_id, journey_id);

create table persona (
    id            uuid primary key,
    workspace_id  uuid not null references workspace (id) on delete cascade,
    journey_id    uuid not null references journey (id) on delete cascade,
    position      int not null,
    name          varchar(200) not null,
    description   varchar(4000),
    goals         varchar(10000) not null,
    pains         varchar(10000) not null,
    behaviours    varchar(10000) not null,
    channels      varchar(10000) not null,
    version       bigint not null,
    created_at    timestamp with time zone not null,
    updated_at    timestamp with time zone not null
);
create index persona_journey on persona (workspace_id, journey_id);

create table touchpoint (
    id             uuid primary key,
    workspace_id   uuid not null references workspace (id) on delete cascade,
    journey_id     uuid not null references journey (id) on delete cascade,
    -- no cascade: a stage with touchpoints cannot be deleted; a journey deletes its touchpoints first
    stage_id       uuid not null references stage (id),
    position       int not null,
    name           varchar(200) not null,
    channel        varchar(32) not null,
    direct         boolean not null,
    owner          varchar(200),
    ideal_message  varchar(4000),
    asset_links    varchar(10000) not null,
    version        bigint not null,
    created_at     timestamp with time zone not null,
    updated_at     timestamp with time zone not null
);
create index touchpoint_journey on touchpoint (workspace_id, journey_id);
create index touchpoint_stage on touchpoint (stage_id);

create table insight (
    id            uuid primary key,
    workspace_id  uuid not null references workspace (id) on delete cascade,
    journey_id    uuid not null references journey (id) on delete cascade,
    position      int not null,
    title         varchar(200) not null,
    text          varchar(4000) not null,
    source        varchar(200),
    version       bigint not null,
    created_at    timestamp with time zone not null,
    updated_at    timestamp with time zone not null
);
create index insight_journey on insight (workspace_id, journey_id);

create table insight_touchpoint (
    insight_id     uuid not null references insight (id) on delete cascade,
    touchpoint_id  uuid not null references touchpoint (id) on delete cascade,
    position       int not null,
    primary key (insight_id, touchpoint_id)
);
create index insight_touchpoint_touchpoint on insight_touchpoint (touchpoint_id);

create table opportunity (
    id            uuid primary key,
    workspace_id  uuid not null references workspace (id) on delete cascade,
    journey_id    uuid not null references journey (id) on delete cascade,
    position      int not null,
    title         varchar(200) not null,
    description   varchar(4000),
    priority      varchar(16) not null,
    version       bigint not null,
    created_at    timestamp with time zone not null,
    updated_at    timestamp with time zone not null
);
create index opportunity_journey on opportunity (workspace_id, journey_id);

create table opportunity_touchpoint (
    opportunity_id  uuid not null references opportunity (id) on delete cascade,
    touchpoint_id   uuid not null references touchpoint (id) on delete cascade,
    position        int not null,
    primary key (opportunity_id, touchpoint_id)
);
create index opportunity_touchpoint_touchpoint on opportunity_touchpoint (touchpoint_id);

create table opportunity_insight (
    opportunity_id  uuid not null references opportunity (id) on delete cascade,
    insight_id      uuid not null references insight (id) on delete cascade,
    position        int not null,
    primary key (opportunity_id, insight_id)
);
create index opportunity_insight_insight on opportunity_insight (insight_id);

create table solution (
    id              uuid primary key,
    workspace_id    uuid not null references workspace (id) on delete cascade,
    journey_id      uuid not null references journey (id) on delete cascade,
    opportunity_id  uuid not null references opportunity (id) on delete cascade,
    position        int not null,
    title           varchar(200) not null,
    description     varchar(4000),
    status          varchar(16) not null,
    version         bigint not null,
    created_at      timestamp with time zone not null,
    updated_at      timestamp with time zone not null
);
create index solution_opportunity on solution (workspace_id, opportunity_id);
