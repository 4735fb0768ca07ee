-- Work a person starts in one request and finishes in another, kept here so that any instance
-- behind a load balancer can finish it: an evidence upload waiting for its preview to be
-- confirmed, a spreadsheet of briefs, a chat message waiting for its answer stream, and the
-- tokens of submitted forms, whose outcome a second submit of the same form is shown.
create table handoff (
    id            uuid primary key,
    workspace_id  uuid not null references workspace (id) on delete cascade,
    -- the person (or API key) who started it; only they may finish it
    owner_id      uuid not null,
    kind          varchar(32) not null,
    -- a form's token, unique per person and kind; null for parked work, which is found by id
    token         varchar(64),
    -- small fields as JSON (a file's name, a chat message's text, ...)
    details       varchar(20000) not null,
    -- WAITING: parked; TAKEN: being finished by one request; DONE: finished, outcome set
    state         varchar(16) not null,
    outcome       varchar(2000),
    created_at    timestamp with time zone not null,
    updated_at    timestamp with time zone not null,
    constraint handoff_token unique (owner_id, kind, token)
);
create index handoff_age on handoff (updated_at);

-- A parked file, in parts of at most 1 MB so that neither storing nor reading it holds it whole.
create table handoff_part (
    handoff_id  uuid not null references handoff (id) on delete cascade,
    seq         int not null,
    data        bytea not null,
    primary key (handoff_id, seq)
);
