-- Evidence that tries to instruct the assistant is quarantined at the door: kept, listed and
-- searchable for people, but left out of prompts and chat tool results until an editor
-- releases it. suspected_injection holds why it was flagged (null: not flagged).
alter table feedback add column suspected_injection varchar(200);
alter table feedback add column released_by varchar(200);
alter table feedback add column released_at timestamp with time zone;
alter table insight add column suspected_injection varchar(200);
alter table insight add column released_by varchar(200);
alter table insight add column released_at timestamp with time zone;
create index feedback_quarantine on feedback (workspace_id, suspected_injection);
create index insight_quarantine on insight (workspace_id, suspected_injection);

-- The search index knows which items are held back, so a search for a prompt never sees them.
alter table evidence_index add column quarantined boolean default false not null;
