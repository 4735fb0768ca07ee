-- Handoffs belong to a workspace like the rest (see V27): the wall on the table, and on its parts through it.
alter table handoff enable row level security;
create policy workspace_wall on handoff
    using (workspace_id = (select journey_workspace()) or (select journey_all_workspaces()))
    with check (workspace_id = (select journey_workspace()) or (select journey_all_workspaces()));
alter table handoff_part enable row level security;
create policy workspace_wall on handoff_part
    using (exists (select 1 from handoff h where h.id = handoff_id))
    with check (exists (select 1 from handoff h where h.id = handoff_id));
