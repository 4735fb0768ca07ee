-- Which embedding model an item was indexed with; null means waiting for the indexer.
-- Changing the model resets this column, so every item is embedded again.
alter table feedback add column indexed_model varchar(100);
alter table kpi add column indexed_model varchar(100);
create index feedback_pending on feedback (indexed_model, seq);
create index kpi_pending on kpi (indexed_model, seq);
