-- Short names a language model gave a journey's feedback themes, pains and gains, each checked
-- against the quotes of what it names. Filed by kind and label ("pain:bag, lost, luggage"), so a
-- name stays with its theme for as long as the analytics label it the same way.
create table theme_name (
    workspace_id   uuid not null references workspace (id) on delete cascade,
    journey_id     uuid not null references journey (id) on delete cascade,
    name_key       varchar(400) not null,
    name           varchar(80) not null,
    citations      varchar(4000) not null,
    model          varchar(200) not null,
    prompt_version varchar(100) not null,
    named_by       varchar(200) not null,
    named_at       timestamp with time zone not null,
    primary key (workspace_id, journey_id, name_key)
);
