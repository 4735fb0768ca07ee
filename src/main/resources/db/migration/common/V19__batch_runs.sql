-- Batch generation: a run over a journey's cells (touchpoint x persona x channel x language, or
-- one row of a spreadsheet of briefs each). A cell's variants are stored as suggestions tagged
-- with the cell, in the same transaction that marks the cell done: a cell is done once.
create table batch_run (
    id                uuid primary key,
    workspace_id      uuid not null references workspace (id) on delete cascade,
    journey_id        uuid not null references journey (id) on delete cascade,
    name              varchar(200) not null,
    source            varchar(16) not null,
    status            varchar(16) not null,
    requested_by      varchar(320) not null,
    caller_slug       varchar(100) not null,
    caller_role       varchar(16) not null,
    caller_key_id     uuid,
    round             int not null,
    job_execution_id  bigint,
    -- the process carrying the run, and when it last said it was alive: a run whose owner fell
    -- silent is taken over by another process (or by the same service restarted)
    owner             varchar(100),
    heartbeat_at      timestamp with time zone,
    created_at        timestamp with time zone not null,
    started_at        timestamp with time zone,
    finished_at       timestamp with time zone
);
create index batch_run_workspace on batch_run (workspace_id, created_at);

create table batch_cell (
    id               uuid primary key,
    run_id           uuid not null references batch_run (id) on delete cascade,
    position         int not null,
    touchpoint_id    uuid not null,
    persona_id       uuid,
    channel          varchar(32) not null,
    language         varchar(2) not null,
    variant_count    int not null,
    brief            varchar(1000),
    status           varchar(16) not null,
    reason           varchar(2000),
    attempts         int not null,
    claim            varchar(100),
    lease_until      timestamp with time zone,
    input_tokens     int not null,
    output_tokens    int not null,
    generation_id    uuid,
    finished_at      timestamp with time zone,
    constraint batch_cell_position unique (run_id, position),
    constraint batch_cell_generation unique (generation_id)
);
create index batch_cell_work on batch_cell (run_id, status, position);

-- which batch cell a suggestion came from (none for suggestions asked for one at a time)
alter table suggestion add column batch_cell_id uuid;
create index suggestion_batch_cell on suggestion (batch_cell_id);
