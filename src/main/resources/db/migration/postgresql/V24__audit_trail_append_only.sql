-- An audit event, once written, is never changed.
create function audit_event_unchanged() returns trigger language plpgsql as $$
begin
    raise exception 'audit events are append-only';
end
$$;
create trigger audit_event_append_only before update on audit_event
    for each row execute function audit_event_unchanged();
