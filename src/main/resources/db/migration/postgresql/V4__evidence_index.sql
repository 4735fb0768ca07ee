-- The search index on PostgreSQL: a pgvector embedding with an HNSW index (cosine), and a
-- language-aware tsvector (dutch, english or simple) with a GIN index for full-text search.
create extension if not exists vector;

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
    embedding      vector(384) not null,
    tsv            tsvector generated always as (to_tsvector(
                       case language when 'nl' then 'dutch'::regconfig
                                     when 'en' then 'english'::regconfig
                                     else 'simple'::regconfig end, text)) stored,
    created_at     timestamp with time zone not null
);
create index evidence_index_embedding on evidence_index using hnsw (embedding vector_cosine_ops);
create index evidence_index_tsv on evidence_index using gin (tsv);
create index evidence_index_scope on evidence_index (workspace_id, item_type, journey_id);
-- Selective filters let the planner read the few matching rows and rank them exactly instead
-- of walking the HNSW graph until enough of them turn up.
create index evidence_index_stage on evidence_index (workspace_id, stage_id);
create index evidence_index_touchpoint on evidence_index (workspace_id, touchpoint_id);
create index evidence_index_segment on evidence_index (workspace_id, segment);
create index evidence_index_date on evidence_index (workspace_id, item_date);
