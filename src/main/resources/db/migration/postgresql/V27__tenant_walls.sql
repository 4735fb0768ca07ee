-- Tenant walls: row-level security on every workspace-owned table, so that a query that forgets
-- its workspace filter still sees only the caller's rows.
--
-- The service migrates as the configured (owning) user and then works as journey_app, a role
-- that owns nothing, is no superuser and cannot bypass row-level security (TenantWalls switches
-- every connection to it). Each connection says whose rows it may see in the setting
-- journey.workspace: a workspace id, '*' for work that spans workspaces (sign-in, operators,
-- background jobs), or nothing, which shows no rows at all.

do $$
begin
    if not exists (select 1 from pg_roles where rolname = 'journey_app') then
        begin
            create role journey_app nologin nosuperuser nobypassrls noinherit;
        exception
            when duplicate_object then null;
            when insufficient_privilege then
                raise exception 'The service works as the database role journey_app, which does not exist, and % may not create roles. Have it created: CREATE ROLE journey_app NOLOGIN NOBYPASSRLS; GRANT journey_app TO %;',
                    current_user, current_user;
        end;
    end if;
    if exists (select 1 from pg_roles where rolname = 'journey_app' and (rolsuper or rolbypassrls)) then
        raise exception 'The database role journey_app may bypass row-level security; it must not (ALTER ROLE journey_app NOSUPERUSER NOBYPASSRLS)';
    end if;
    if not pg_has_role(current_user, 'journey_app', 'member') then
        execute format('grant journey_app to %I', current_user);
    end if;

    execute format('grant usage on schema %I to journey_app', current_schema());
    execute format('grant select, insert, update, delete on all tables in schema %I to journey_app', current_schema());
    execute format('grant usage, select on all sequences in schema %I to journey_app', current_schema());
    -- tables and sequences that later migrations create
    execute format('alter default privileges in schema %I grant select, insert, update, delete on tables to journey_app',
        current_schema());
    execute format('alter default privileges in schema %I grant usage, select on sequences to journey_app',
        current_schema());
    if to_regclass('flyway_schema_history') is not null then
        revoke all on flyway_schema_history from journey_app;
    end if;
end $$;

-- The connection's workspace, or null when it may see no single workspace.
create function journey_workspace() returns uuid language sql stable parallel safe as $$
    select nullif(nullif(current_setting('journey.workspace', true), ''), '*')::uuid
$$;

-- Whether the connection works across workspaces.
create function journey_all_workspaces() returns boolean language sql stable parallel safe as $$
    select coalesce(current_setting('journey.workspace', true) = '*', false)
$$;

-- Tables that carry their workspace: the row's workspace must be the connection's, for reading
-- and for writing. The sub-selects make the setting an init plan, read once per statement, so
-- that "workspace_id = …" stays an index condition.
do $$
declare
    owned text;
begin
    foreach owned in array array['api_key', 'app_user', 'audit_event', 'batch_run', 'brand_profile',
            'conversation', 'evidence_change', 'evidence_index', 'experiment_plan', 'feedback', 'insight',
            'journey', 'kpi', 'model_usage', 'opportunity', 'persona', 'solution', 'stage', 'suggestion',
            'theme_name', 'touchpoint'] loop
        execute format('alter table %I enable row level security', owned);
        execute format('create policy workspace_wall on %I using (%s) with check (%s)', owned,
            'workspace_id = (select journey_workspace()) or (select journey_all_workspaces())',
            'workspace_id = (select journey_workspace()) or (select journey_all_workspaces())');
    end loop;
end $$;

-- Tables that belong to a workspace through their parent rows: visible when every parent is.
-- The parents' own walls apply inside these sub-queries.
do $$
declare
    child record;
    visible text;
begin
    for child in select * from (values
            ('batch_cell', 'batch_run', 'run_id', null, null),
            ('chat_message', 'conversation', 'conversation_id', null, null),
            ('chat_proposal', 'conversation', 'conversation_id', null, null),
            ('suggestion_event', 'suggestion', 'suggestion_id', null, null),
            ('insight_touchpoint', 'insight', 'insight_id', 'touchpoint', 'touchpoint_id'),
            ('opportunity_insight', 'opportunity', 'opportunity_id', 'insight', 'insight_id'),
            ('opportunity_touchpoint', 'opportunity', 'opportunity_id', 'touchpoint', 'touchpoint_id'))
            as c(name, parent, parent_column, other_parent, other_column) loop
        visible := format('exists (select 1 from %I p where p.id = %I)', child.parent, child.parent_column);
        if child.other_parent is not null then
            visible := visible || format(' and exists (select 1 from %I o where o.id = %I)', child.other_parent,
                child.other_column);
        end if;
        execute format('alter table %I enable row level security', child.name);
        execute format('create policy workspace_wall on %I using (%s) with check (%s)', child.name, visible, visible);
    end loop;
end $$;

-- Search reads the index through this view. Under row-level security PostgreSQL may not use an
-- operator it does not know to be leak-proof, such as full text's @@, as an index condition, so
-- every text search would read the whole workspace. The view applies the same wall itself (it
-- reads the table with its owner's rights) and leaves the planner free to use the word index.
create view evidence_index_visible as
    select * from evidence_index
    where workspace_id = (select journey_workspace()) or (select journey_all_workspaces());
-- read only: written through the view, rows would pass with its owner's rights
revoke all on evidence_index_visible from journey_app;
grant select on evidence_index_visible to journey_app;

-- How common the index's words are, from the planner's statistics (which PostgreSQL hides from a
-- role under row-level security), and whether the index holds a word at all. They pick which
-- words of a long query to search with; what a search finds is still the workspace's alone.
create function evidence_common_terms() returns table (lexeme text, frequency real)
    language sql stable security definer set search_path from current as $$
    select c.lexeme, c.frequency from pg_stats s,
        unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) as c(lexeme, frequency)
    where s.schemaname = current_schema() and s.tablename = 'evidence_index' and s.attname = 'tsv'
$$;

-- Always through the word index: asked row by row for a query's terms, the planner reads the table
-- instead (45 ms a term on 100,000 items, against under a millisecond).
create function evidence_term_indexed(term text) returns boolean
    language sql stable security definer set search_path from current set enable_seqscan = off as $$
    select exists (select 1 from evidence_index e where e.tsv @@ quote_literal(term)::tsquery)
$$;

revoke all on function evidence_common_terms() from public;
revoke all on function evidence_term_indexed(text) from public;
grant execute on function evidence_common_terms() to journey_app;
grant execute on function evidence_term_indexed(text) to journey_app;
