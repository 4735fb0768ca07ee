-- An operator can disable a workspace: its keys and people are refused until it is enabled again; nothing is deleted.
alter table workspace add column disabled_at timestamp with time zone;
