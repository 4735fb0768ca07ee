-- What the assistant proposed, attached to the map item it is for (a touchpoint or an
-- opportunity), with everything needed to audit it. The original content is never changed:
-- reviews are appended to suggestion_event, and current_content holds the edited version.
create table suggestion (
    id               uuid primary key,
    workspace_id     uuid not null references workspace (id) on delete cascade,
    journey_id       uuid not null references journey (id) on delete cascade,
    kind             varchar(32) not null,
    target_type      varchar(16) not null,
    target_id        uuid not null,
    generation_id    uuid not null,
    content          varchar(20000) not null,
    current_content  varchar(20000) not null,
    citations        varchar(20000) not null,
    model            varchar(200) not null,
    prompt_version   varchar(100) not null,
    input_tokens     int not null,
    output_tokens    int not null,
    requested_by     varchar(200) not null,
    status           varchar(16) not null,
    version          bigint not null,
    created_at       timestamp with time zone not null,
    updated_at       timestamp with time zone not null
);
create index suggestion_target on suggestion (workspace_id, target_type, target_id);

create table suggestion_event (
    id             uuid primary key,
    suggestion_id  uuid not null references suggestion (id) on delete cascade,
    seq            int not null,
    status         varchar(16) not null,
    content        varchar(20000),
    actor          varchar(200) not null,
    note           varchar(2000),
    created_at     timestamp with time zone not null,
    constraint suggestion_event_order unique (suggestion_id, seq)
);
