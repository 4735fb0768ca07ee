-- People who sign in to the web workspace: one workspace each, with the same roles as API keys.
-- An invited user has no password until the one-time invitation link is used.
create table app_user (
    id                uuid primary key,
    workspace_id      uuid not null references workspace (id) on delete cascade,
    email             varchar(320) not null,
    password_hash     varchar(200),
    role              varchar(20) not null,
    disabled          boolean not null default false,
    invite_token_hash varchar(64),
    invite_expires_at timestamp with time zone,
    created_at        timestamp with time zone not null,
    constraint app_user_email_unique unique (email)
);

create index app_user_workspace on app_user (workspace_id);
