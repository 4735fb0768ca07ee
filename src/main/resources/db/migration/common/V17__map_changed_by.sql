-- Who saved each map item last (a person's e-mail, or "key:" and an API key's name), so that a
-- stale edit can say who changed it meanwhile.
alter table journey add column updated_by varchar(320);
alter table stage add column updated_by varchar(320);
alter table persona add column updated_by varchar(320);
alter table touchpoint add column updated_by varchar(320);
alter table insight add column updated_by varchar(320);
alter table opportunity add column updated_by varchar(320);
alter table solution add column updated_by varchar(320);
