package com.journeyassistant.platform;

import static com.journeyassistant.support.Api.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.journeyassistant.support.Api.Response;
import com.journeyassistant.support.ApiTest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The audit trail on each back end: imports, key changes, brand profile changes and exports are recorded with who
 * did them, admins read and filter them, nobody else does, no customer text is in them, and they go after the
 * retention.
 */
public abstract class AuditContract extends ApiTest {

    @Autowired
    protected AuditTrail trail;

    @Test
    void whoDidWhatIsRecordedAndOnlyAdminsReadIt() {
        String secretText = "Bezorger-" + UUID.randomUUID() + " was onbeleefd";
        Response imported = ws.editor().postRaw(ws.path("/evidence/feedback"), "text;csat\n" + secretText + ";1\n",
                "text/csv");
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        JsonNode key = ws.admin().post(ws.path("/api-keys"), object("name", "ci", "role", "VIEWER")).json();
        assertThat(ws.admin().delete(ws.path("/api-keys/" + key.path("key").path("id").asString())).status())
                .isEqualTo(204);
        assertThat(ws.admin().put(ws.path("/brand-profile"), object("tone", "Vriendelijk", "defaultLanguage", "nl",
                "version", 0)).status()).isEqualTo(200);
        String journey = ws.editor().post(ws.path("/journeys"), object("name", "Webshop")).json().path("id").asString();
        assertThat(ws.editor().get(ws.path("/journeys/" + journey + "/export")).status()).isEqualTo(200);

        JsonNode page = ws.admin().get(ws.path("/audit")).json();
        List<String> events = new ArrayList<>();
        page.path("items").forEach(e -> events.add(e.path("action").asString() + " by " + e.path("actor").asString()
                + " (" + e.path("actorType").asString() + ")"));
        assertThat(events).as("newest first").containsExactly(
                "journey.exported by editor (KEY)",
                "brand-profile.changed by admin (KEY)",
                "api-key.revoked by admin (KEY)",
                "api-key.created by admin (KEY)",
                "evidence.imported by editor (KEY)");
        assertThat(page.path("total").asInt()).isEqualTo(5);
        JsonNode importEvent = page.path("items").get(4);
        assertThat(importEvent.path("targetType").asString()).isEqualTo("feedback");
        assertThat(importEvent.path("detail").asString()).startsWith("1 received, 1 stored");
        assertThat(page.toString()).as("no customer text in the trail").doesNotContain("Bezorger-", "onbeleefd");

        JsonNode created = ws.admin().get(ws.path("/audit?action=api-key.created")).json();
        assertThat(created.path("total").asInt()).isEqualTo(1);
        assertThat(created.path("items").get(0).path("detail").asString()).isEqualTo("ci (VIEWER)");
        assertThat(ws.admin().get(ws.path("/audit?actor=editor")).json().path("total").asInt()).isEqualTo(2);
        String future = Instant.now().plus(1, ChronoUnit.DAYS).toString();
        assertThat(ws.admin().get(ws.path("/audit?from=" + future)).json().path("total").asInt()).isZero();
        assertThat(ws.admin().get(ws.path("/audit?limit=0")).status()).isEqualTo(400);

        assertThat(ws.editor().get(ws.path("/audit")).status()).isEqualTo(403);
        assertThat(ws.viewer().get(ws.path("/audit")).status()).isEqualTo(403);
        var other = com.journeyassistant.support.TestWorkspace.create(workspaces, port);
        assertThat(other.admin().get(other.path("/audit")).json().path("total").asInt())
                .as("another workspace's trail").isZero();
    }

    @Test
    void eventsOlderThanTheRetentionAreRemovedAndNewerOnesKept() {
        CurrentWorkspace system = new CurrentWorkspace(ws.id(), ws.slug(), Role.ADMIN, null, null);
        trail.record(system, "test.recent", "journey", UUID.randomUUID(), null);
        jdbc.sql("insert into audit_event (id, workspace_id, occurred_at, actor_type, actor, action)"
                        + " values (?, ?, ?, 'SYSTEM', 'test', 'test.old')")
                .params(UUID.randomUUID(), ws.id(), OffsetDateTime.now(ZoneOffset.UTC).minusDays(400)).update();

        assertThat(trail.purge()).isGreaterThanOrEqualTo(1);

        List<String> left = new ArrayList<>();
        ws.admin().get(ws.path("/audit")).json().path("items").forEach(e -> left.add(e.path("action").asString()
                + " " + e.path("actorType").asString()));
        assertThat(left).containsExactly("test.recent SYSTEM");
    }
}
