-- Chat memory is windowed by tokens, counted once when a message is stored. Messages stored
-- before that get an estimate from their length (four characters a token).
alter table chat_message add column tokens int;
update chat_message set tokens = (length(content) + 3) / 4;
alter table chat_message alter column tokens set not null;
