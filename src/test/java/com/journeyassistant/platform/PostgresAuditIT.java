package com.journeyassistant.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.journeyassistant.support.PostgresBackend;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The audit trail on PostgreSQL, where the database itself refuses to change an event once written. */
@PostgresBackend
class PostgresAuditIT extends AuditContract {

    @Test
    void theDatabaseRefusesToChangeAnEvent() {
        CurrentWorkspace system = new CurrentWorkspace(ws.id(), ws.slug(), Role.ADMIN, null, null);
        trail.record(system, "test.written", "journey", UUID.randomUUID(), "as it happened");

        assertThatThrownBy(() -> jdbc.sql("update audit_event set detail = 'rewritten' where workspace_id = ?")
                .param(ws.id()).update()).hasMessageContaining("append-only");
        assertThat(jdbc.sql("select detail from audit_event where workspace_id = ?").param(ws.id())
                .query(String.class).single()).isEqualTo("as it happened");
    }
}
