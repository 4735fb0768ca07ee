-- The processes that work on batch runs, and when each last said it was alive. The cells a
-- process held when it fell silent are given to the others; the live workers share the
-- provider's rate limits.
create table batch_node (
    name          varchar(100) primary key,
    mode          varchar(16) not null,
    heartbeat_at  timestamp with time zone not null
);
