package com.journeyassistant.platform;

import static com.journeyassistant.support.Api.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.journeyassistant.support.ApiTest;
import com.journeyassistant.support.PostgresBackend;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Tenant walls in PostgreSQL: the service's own connections, given a deliberately unscoped query, find none of
 * another workspace's rows, and cannot write into another workspace, because row-level security and the role the
 * service works as say so, not the query.
 */
@PostgresBackend
class PostgresTenantWallIT extends ApiTest {

    /** Tables that belong to no workspace: the tenants themselves, the cluster's batch machinery, sessions. */
    private static final List<String> INFRASTRUCTURE = List.of("workspace", "batch_node", "flyway_schema_history",
            "spring_session", "spring_session_attributes", "batch_job_instance", "batch_job_execution",
            "batch_job_execution_params", "batch_job_execution_context", "batch_step_execution",
            "batch_step_execution_context");

    /** How a row of each workspace-owned table without a workspace column finds its workspace. */
    private static final Map<String, String> OWNED_THROUGH = Map.of(
            "batch_cell", "(select workspace_id from batch_run p where p.id = t.run_id)",
            "handoff_part", "(select workspace_id from handoff p where p.id = t.handoff_id)",
            "chat_message", "(select workspace_id from conversation p where p.id = t.conversation_id)",
            "chat_proposal", "(select workspace_id from conversation p where p.id = t.conversation_id)",
            "suggestion_event", "(select workspace_id from suggestion p where p.id = t.suggestion_id)",
            "insight_touchpoint", "(select workspace_id from insight p where p.id = t.insight_id)",
            "opportunity_insight", "(select workspace_id from opportunity p where p.id = t.opportunity_id)",
            "opportunity_touchpoint", "(select workspace_id from opportunity p where p.id = t.opportunity_id)");

    @Autowired
    private TransactionTemplate transactions;

    @Test
    void theServiceWorksAsARoleThatCannotBypassRowLevelSecurity() {
        Map<String, Object> role = jdbc.sql("""
                        select current_user as name, r.rolsuper, r.rolbypassrls, session_user as login
                        from pg_roles r where r.rolname = current_user""").query().singleRow();
        assertThat(role.get("name")).isEqualTo("journey_app");
        assertThat(role.get("rolsuper")).isEqualTo(false);
        assertThat(role.get("rolbypassrls")).isEqualTo(false);
        assertThat(role.get("login")).as("the configured login still owns the schema").isNotEqualTo("journey_app");
    }

    @Test
    void everyTableThatHoldsAWorkspacesDataIsWalled() {
        List<String> unwalled = jdbc.sql("""
                        select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                        where n.nspname = current_schema() and c.relkind = 'r'
                          and (not c.relrowsecurity or not exists (select 1 from pg_policy p where p.polrelid = c.oid))
                        order by 1""").query(String.class).list();
        assertThat(unwalled).as("tables without row-level security").containsExactlyInAnyOrderElementsOf(INFRASTRUCTURE);
        assertThat(jdbc.sql("""
                        select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
                        where n.nspname = current_schema() and c.relrowsecurity and c.relforcerowsecurity""")
                .query(Integer.class).single()).as("the owner needs no forcing: the service never works as it").isZero();
    }

    @Test
    void anUnscopedQueryThroughTheServicesConnectionFindsNoOtherWorkspacesRows() throws InterruptedException {
        givenEvidenceAndAMap();
        Map<String, String> owner = ownerOfEveryWalledTable();

        Map<String, Long> foreignRows = new LinkedHashMap<>();
        Map<String, Long> ownRows = new LinkedHashMap<>();
        owner.forEach((table, workspaceOf) -> {
            foreignRows.put(table, count("select count(*) from " + table + " t where " + workspaceOf
                    + " is distinct from ?", ws.id()));
            ownRows.put(table, count("select count(*) from " + table + " t where " + workspaceOf + " = ?", ws.id()));
        });
        assertThat(foreignRows).as("other workspaces have rows here, or the test proves nothing")
                .extractingByKeys("journey", "stage", "touchpoint", "persona", "insight", "opportunity", "feedback",
                        "kpi", "evidence_index", "api_key", "app_user", "insight_touchpoint", "opportunity_touchpoint")
                .allSatisfy(rows -> assertThat(rows).isPositive());

        asTheWorkspacesCaller(() -> {
            owner.forEach((table, workspaceOf) -> {
                assertThat(count("select count(*) from " + table))
                        .as("every row of %s the caller sees", table).isEqualTo(ownRows.get(table));
                assertThat(count("select count(*) from " + table + " t where " + workspaceOf + " is distinct from ?",
                        ws.id())).as("other workspaces' rows of %s", table).isZero();
            });
            assertThat(count("select count(*) from evidence_index_visible where workspace_id <> ?", ws.id()))
                    .as("the search view").isZero();
            assertThat(count("select count(*) from evidence_index_visible")).isEqualTo(ownRows.get("evidence_index"));
            return null;
        });
        assertThat(ownRows.get("feedback")).isPositive();
    }

    @Test
    void writingIntoAnotherWorkspaceIsRefused() {
        UUID demo = workspaces.findBySlug("demo").orElseThrow().id();
        long demoJourneys = count("select count(*) from journey where workspace_id = ?", demo);

        asTheWorkspacesCaller(() -> {
            assertThatThrownBy(() -> jdbc.sql("insert into journey (id, workspace_id, name, language, stage_model,"
                            + " version, created_at, updated_at) values (?, ?, 'planted', 'nl', 'CUSTOM', 0, ?, ?)")
                    .params(UUID.randomUUID(), demo, OffsetDateTime.now(), OffsetDateTime.now()).update())
                    .rootCause().hasMessageContaining("row-level security");
            assertThat(jdbc.sql("update journey set name = 'renamed' where workspace_id = ?").param(demo).update())
                    .isZero();
            assertThat(jdbc.sql("delete from feedback where workspace_id = ?").param(demo).update()).isZero();
            return null;
        });
        assertThat(count("select count(*) from journey where workspace_id = ? and name = 'renamed'", demo)).isZero();
        assertThat(count("select count(*) from journey where workspace_id = ?", demo)).isEqualTo(demoJourneys);
    }

    @Test
    void aRequestWithoutASignedInCallerSeesNoWorkspaceAtAll() {
        withRequest(null, () -> {
            assertThat(count("select count(*) from journey")).isZero();
            assertThat(count("select count(*) from api_key")).isZero();
            assertThat(TenantScope.acrossWorkspaces("a test", () -> count("select count(*) from api_key")))
                    .as("unless the code says it looks across workspaces, as signing in does").isPositive();
            return null;
        });
    }

    @Test
    void theScopeFollowsTheCodeInsideATransactionAndARollbackLeavesNoneBehind() {
        ws.editor().post(ws.path("/journeys"), object("name", "Eigen reis"));
        long everyJourney = count("select count(*) from journey");
        asTheWorkspacesCaller(() -> {
            transactions.executeWithoutResult(status -> {
                assertThat(count("select count(*) from journey")).isEqualTo(1);
                assertThat(TenantScope.acrossWorkspaces("a test", () -> count("select count(*) from journey")))
                        .isEqualTo(everyJourney);
                assertThat(count("select count(*) from journey")).as("back in the workspace").isEqualTo(1);
                TenantScope.acrossWorkspaces("a test", () -> count("select count(*) from journey"));
                status.setRollbackOnly();
            });
            for (int i = 0; i < 20; i++) {
                assertThat(count("select count(*) from journey")).as("after the rollback, on any pooled connection")
                        .isEqualTo(1);
            }
            return null;
        });
        assertThat(count("select count(*) from journey")).as("the test's thread says it looks across workspaces")
                .isEqualTo(everyJourney);
    }

    @Test
    void workForACallerOnAnotherThreadIsWalledInTheirWorkspace() throws Exception {
        ws.editor().post(ws.path("/journeys"), object("name", "Eigen reis"));
        CurrentWorkspace caller = new CurrentWorkspace(ws.id(), ws.slug(), Role.EDITOR, UUID.randomUUID(), "editor");
        java.util.concurrent.ExecutorService worker = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            assertThat(worker.submit(() -> TenantScope.asCaller(caller, () -> count("select count(*) from journey")))
                    .get()).as("a batch cell or chat answer of the caller").isEqualTo(1);
            assertThat(worker.submit(() -> count("select count(*) from journey")).get())
                    .as("background work that names no caller and no scope sees nothing").isZero();
            assertThat(worker.submit(() -> TenantScope.acrossWorkspaces("a test", () -> count("select count(*) from journey")))
                    .get()).as("unless it says it spans workspaces").isGreaterThan(1);
        } finally {
            worker.shutdown();
        }
    }

    @Test
    void theServicesExecutorsCarryTheSubmittersScopeAndNothingElse() throws Exception {
        ws.editor().post(ws.path("/journeys"), object("name", "Eigen reis"));
        java.util.concurrent.ExecutorService executor = TenantScope.propagating(
                java.util.concurrent.Executors.newFixedThreadPool(2));
        org.springframework.core.task.SimpleAsyncTaskExecutor tasks = new org.springframework.core.task.SimpleAsyncTaskExecutor();
        tasks.setTaskDecorator(TenantScope.propagatingTasks());
        try {
            assertThat(asTheWorkspacesCaller(() -> get(executor.submit(() -> count("select count(*) from journey")))))
                    .as("a task submitted while serving the caller").isEqualTo(1);
            assertThat(asTheWorkspacesCaller(() -> get(tasks.submit(() -> count("select count(*) from journey")))))
                    .as("a Spring task submitted while serving the caller").isEqualTo(1);
            assertThat(onAThreadOfItsOwn(() -> get(executor.submit(() -> count("select count(*) from journey")))))
                    .as("a task submitted with no scope").isZero();
            assertThat(onAThreadOfItsOwn(() -> get(tasks.submit(() -> count("select count(*) from journey")))))
                    .as("a Spring task submitted with no scope").isZero();
            assertThat(onAThreadOfItsOwn(() -> get(executor.submit(() -> jdbc.sql("update journey set name = 'x'")
                    .update())))).as("and it changes nothing").isZero();
        } finally {
            executor.shutdown();
        }
    }

    private static <T> T get(java.util.concurrent.Future<T> future) {
        try {
            return future.get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void searchReadsTheWordIndexThroughTheWall() {
        asTheWorkspacesCaller(() -> {
            transactions.executeWithoutResult(status -> {
                jdbc.sql("set local enable_seqscan = off").update();
                assertThat(plan("evidence_index_visible")).as("the search view").contains("evidence_index_tsv");
                assertThat(plan("evidence_index")).as("why search needs it: under row-level security full text may not"
                        + " use its index").doesNotContain("evidence_index_tsv");
            });
            return null;
        });
    }

    private String plan(String table) {
        return String.join("\n", jdbc.sql("explain select item_id from " + table
                + " where tsv @@ plainto_tsquery('english', 'late delivery')").query(String.class).list());
    }

    private void givenEvidenceAndAMap() throws InterruptedException {
        String journey = ws.editor().post(ws.path("/journeys"), object("name", "Webshop")).json().path("id").asString();
        assertThat(journey).isNotBlank();
        assertThat(ws.editor().postRaw(ws.path("/evidence/feedback"),
                "text;csat\nDe levering was te laat;1\nSnelle levering, top;5\n", "text/csv").status()).isEqualTo(200);
        ws.awaitEvidenceIndexed();
    }

    /** The expression that names the workspace of a row {@code t} of each walled table. */
    private Map<String, String> ownerOfEveryWalledTable() {
        Map<String, String> owner = new LinkedHashMap<>();
        jdbc.sql("""
                        select c.relname, exists (select 1 from pg_attribute a where a.attrelid = c.oid
                               and a.attname = 'workspace_id' and not a.attisdropped) as has_column
                        from pg_class c join pg_namespace n on n.oid = c.relnamespace
                        where n.nspname = current_schema() and c.relkind = 'r' and c.relrowsecurity order by 1""")
                .query((rs, n) -> {
                    String table = rs.getString(1);
                    owner.put(table, rs.getBoolean(2) ? "t.workspace_id" : OWNED_THROUGH.get(table));
                    return table;
                }).list();
        assertThat(owner).as("how each walled table finds its workspace").doesNotContainValue(null);
        return owner;
    }

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    /** Runs as the fresh workspace's editor would in a request: signed in, with the request bound to the thread. */
    private <T> T asTheWorkspacesCaller(Supplier<T> work) {
        return withRequest(new CurrentWorkspace(ws.id(), ws.slug(), Role.EDITOR, UUID.randomUUID(), "editor"), work);
    }

    /** On a thread of its own, as a request is served: the test's own thread looks across workspaces (TestScope). */
    private <T> T withRequest(CurrentWorkspace caller, Supplier<T> work) {
        return onAThreadOfItsOwn(() -> {
            RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));
            if (caller != null) {
                SecurityContextHolder.getContext().setAuthentication(
                        UsernamePasswordAuthenticationToken.authenticated(caller, null, List.of()));
            }
            try {
                return work.get();
            } finally {
                SecurityContextHolder.clearContext();
                RequestContextHolder.resetRequestAttributes();
            }
        });
    }

    private static <T> T onAThreadOfItsOwn(Supplier<T> work) {
        java.util.concurrent.FutureTask<T> task = new java.util.concurrent.FutureTask<>(work::get);
        new Thread(task, "a thread with no scope").start();
        try {
            return task.get(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }
}
