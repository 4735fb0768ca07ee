-- A/B tests planned for a touchpoint, usually accepted from an experiment suggestion. The
-- statistics (sample size, duration) were computed by code when the plan was made.
create table experiment_plan (
    id                   uuid primary key,
    workspace_id         uuid not null references workspace (id) on delete cascade,
    journey_id           uuid not null references journey (id) on delete cascade,
    touchpoint_id        uuid not null references touchpoint (id) on delete cascade,
    hypothesis           varchar(4000) not null,
    control              varchar(4000) not null,
    variants             varchar(8000) not null,
    primary_metric       varchar(100) not null,
    baseline_rate        decimal(12, 8) not null,
    minimum_detectable_effect decimal(12, 8) not null,
    alpha                decimal(6, 4) not null,
    power                decimal(6, 4) not null,
    sample_size_per_arm  bigint not null,
    duration_days        int,
    source_suggestion_id uuid,
    version              bigint not null,
    created_at           timestamp with time zone not null,
    updated_at           timestamp with time zone not null
);
create index experiment_plan_touchpoint on experiment_plan (workspace_id, touchpoint_id);
