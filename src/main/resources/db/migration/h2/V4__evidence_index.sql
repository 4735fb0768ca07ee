-- The search index on the embedded back end: the embedding as packed float32 bytes, searched
-- exactly in memory; full text is ranked in the application.
create table evidence_index (
    item_id        uuid primary key,
    workspace_id   uuid not null references workspace (id) on delete cascade,
    item_type      varchar(16) not null,
    journey_id     uuid references journey (id) on delete cascade,
    stage_id       uuid,
    touchpoint_id  uuid,
    segment        varchar(200),
    item_date      date,
    language       varchar(8) not null,
    text           varchar(20000) not null,
    model_id       varchar(100) not null,
    dims           int not null,
    embedding      varbinary(8192) not null,
    created_at     timestamp with time zone not null
);
create index evidence_index_scope on evidence_index (workspace_id, item_type, journey_id);
