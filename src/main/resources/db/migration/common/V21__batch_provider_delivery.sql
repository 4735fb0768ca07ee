-- A run may go through the provider's batch endpoint (answers within a window, at a lower
-- price) instead of live calls. Each cell then keeps the evidence it was asked with, so that its
-- answer, arriving hours later, is checked against what was sent.
alter table batch_run add column delivery varchar(16) default 'LIVE' not null;
alter table batch_run add column provider_batch_id varchar(200);
alter table batch_run add column provider_status varchar(32);
alter table batch_cell add column frozen varchar(400000);
