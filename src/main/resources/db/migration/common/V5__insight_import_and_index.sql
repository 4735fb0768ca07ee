-- Insights can be imported as evidence: like feedback, re-importing the same insight (same
-- external id, else same normalised content) never stores it twice. Insights made on the map
-- have no dedupe key.
alter table insight add column external_id varchar(200);
alter table insight add column dedupe_key varchar(300);
alter table insight add constraint insight_dedupe unique (workspace_id, dedupe_key);

-- Insights change on the map, so the index remembers which version of an item it embedded.
alter table evidence_index add column item_version bigint;
