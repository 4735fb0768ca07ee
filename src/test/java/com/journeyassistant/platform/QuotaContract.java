package com.journeyassistant.platform;

import static com.journeyassistant.support.Api.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.journeyassistant.support.Api;
import com.journeyassistant.support.Api.Response;
import com.journeyassistant.support.ApiTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Quotas on each back end, with small limits: model requests a minute per key and per workspace, tokens a day per
 * key and per workspace; past one, 429 with Retry-After before the model is asked; usage for admins and as metrics.
 */
@TestPropertySource(properties = {
        "journey.quota.key-calls-per-minute=2",
        "journey.quota.workspace-calls-per-minute=3",
        "journey.quota.key-tokens-per-day=1000",
        "journey.quota.workspace-tokens-per-day=1500"})
public abstract class QuotaContract extends ApiTest {

    @Autowired
    protected Quotas quotas;
    @Autowired
    protected MeterRegistry meters;

    @Test
    void requestsThatAskTheModelAreCountedPerKeyAndPerWorkspaceAMinute() {
        String generate = ws.path("/touchpoints/" + UUID.randomUUID() + "/experiment-suggestions");
        assertThat(ws.editor().post(generate, object("count", 1)).status()).isNotEqualTo(429);
        assertThat(ws.editor().post(generate, object("count", 1)).status()).isNotEqualTo(429);
        Response third = ws.editor().post(generate, object("count", 1));
        assertQuota(third, "key");
        assertThat(Long.parseLong(third.header("Retry-After"))).isBetween(1L, 61L);

        assertThat(ws.admin().post(generate, object("count", 1)).status()).as("another key").isNotEqualTo(429);
        assertQuota(ws.admin().post(generate, object("count", 1)), "workspace");

        var other = com.journeyassistant.support.TestWorkspace.create(workspaces, port);
        assertThat(other.editor().post(other.path("/touchpoints/" + UUID.randomUUID() + "/experiment-suggestions"),
                object("count", 1)).status()).as("another workspace").isNotEqualTo(429);
        assertThat(meters.counter("journey.usage.calls", "workspace", ws.slug()).count()).as("admitted ones").isEqualTo(3.0);
    }

    @Test
    void tokensADayAreCountedAcrossRequestsAndReportedToAdmins() {
        CurrentWorkspace editor = caller("editor");
        CurrentWorkspace admin = caller("admin");
        quotas.spend(editor, 1000);
        Response spent = ws.editor().post(ws.path("/touchpoints/" + UUID.randomUUID() + "/content-variants"),
                object("channel", "EMAIL"));
        assertQuota(spent, "key");
        assertThat(Long.parseLong(spent.header("Retry-After"))).as("until midnight UTC").isBetween(1L, 86_401L);
        assertThat(ws.admin().post(ws.path("/touchpoints/" + UUID.randomUUID() + "/experiment-suggestions"),
                object("count", 1)).status()).as("the admin key has tokens left").isNotEqualTo(429);
        quotas.spend(admin, 600);
        assertQuota(ws.admin().post(ws.path("/touchpoints/" + UUID.randomUUID() + "/experiment-suggestions"),
                object("count", 1)), "workspace");

        JsonNode usage = ws.admin().get(ws.path("/usage")).json();
        assertThat(usage.path("tokens").asLong()).isEqualTo(1600);
        assertThat(usage.path("limits").path("keyTokensPerDay").asLong()).isEqualTo(1000);
        assertThat(usage.path("callers").get(0).path("caller").asString()).isEqualTo("editor");
        assertThat(usage.path("callers").get(0).path("tokens").asLong()).isEqualTo(1000);
        assertThat(usage.path("days").get(0).path("tokens").asLong()).isEqualTo(1600);
        assertThat(ws.editor().get(ws.path("/usage")).status()).isEqualTo(403);
        assertThat(meters.counter("journey.usage.tokens", "workspace", ws.slug()).count()).isEqualTo(1600.0);
    }

    private CurrentWorkspace caller(String keyName) {
        UUID keyId = jdbc.sql("select id from api_key where workspace_id = ? and name = ?").params(ws.id(), keyName)
                .query(UUID.class).single();
        return new CurrentWorkspace(ws.id(), ws.slug(), Role.valueOf(keyName.toUpperCase(java.util.Locale.ROOT)),
                keyId, keyName);
    }

    private static void assertQuota(Response response, String whose) {
        assertThat(response.status()).as(response.toString()).isEqualTo(429);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("title").asString()).isEqualTo("Quota reached");
        assertThat(response.json().path("detail").asString()).contains("This " + whose);
        assertThat(response.header("Retry-After")).isNotNull();
        assertThat(Api.JSON.readTree(response.raw()).path("status").asInt()).isEqualTo(429);
    }
}
