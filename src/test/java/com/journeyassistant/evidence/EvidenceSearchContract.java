package com.journeyassistant.evidence;

import static com.journeyassistant.support.Api.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.journeyassistant.support.Api.Response;
import com.journeyassistant.support.ApiTest;
import com.journeyassistant.support.TestWorkspace;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Hybrid evidence search over HTTP, the same on every storage back end. */
abstract class EvidenceSearchContract extends ApiTest {

    private static final String FEEDBACK = """
            text;csat;date;segment;touchpoint_id;external_id
            De bezorging was twee weken te laat en niemand liet iets weten;1;2026-03-02;forens;%1$s;D-1
            Bezorger kwam niet opdagen, levering opnieuw uitgesteld;2;2026-03-09;gezin;%1$s;D-2
            De accu is na drie maanden al kapot en laadt niet meer op;1;2026-04-01;forens;;B-1
            Accu gaat veel minder lang mee dan beloofd in de winter;2;2026-04-15;senior;;B-2
            Betalen met iDEAL mislukte drie keer in de checkout;1;2026-05-01;forens;%2$s;C-1
            The checkout page crashed when I tried to pay by credit card;1;2026-05-03;expat;%2$s;C-2
            De monteur legde alles vriendelijk en duidelijk uit bij de aflevering;5;2026-03-20;senior;;M-1
            Great mechanic, he explained every setting of the bike;5;2026-03-21;expat;;M-2
            The app keeps logging me out when I plan maintenance;2;2026-06-01;forens;;A-1
            Klantenservice nam na een uur wachten pas de telefoon op;1;2026-06-10;gezin;;K-1
            """;

    @Autowired
    EvidenceIndexer indexer;
    @Autowired
    IndexStore indexStore;

    String deliveryTouchpoint;
    String checkoutTouchpoint;

    @BeforeEach
    void evidence() throws InterruptedException {
        JsonNode journey = ws.editor().post(ws.path("/journeys"), object("name", "Webshop", "language", "nl")).json();
        String journeyId = journey.path("id").asString();
        JsonNode stages = ws.viewer().get(ws.path("/journeys/" + journeyId + "/stages")).json();
        deliveryTouchpoint = touchpoint(journeyId, stages.get(2).path("id").asString(), "Bezorging", "DELIVERY");
        checkoutTouchpoint = touchpoint(journeyId, stages.get(2).path("id").asString(), "Checkout", "WEBSITE");
        Response feedback = ws.editor().postRaw(ws.path("/evidence/feedback"),
                FEEDBACK.formatted(deliveryTouchpoint, checkoutTouchpoint), "text/csv");
        assertThat(feedback.json().path("stored").asInt()).as(feedback.toString()).isEqualTo(10);
        ws.editor().postRaw(ws.path("/evidence/kpis"), "metric;value;unit;period;target;better;touchpoint_id\n"
                + "cart abandonment;68,5;%;2026-10;55;lower;" + checkoutTouchpoint + "\n", "text/csv");
        ws.awaitEvidenceIndexed();
    }

    @Test
    void theMostRelevantEvidenceComesFirstWithEveryScore() {
        List<String> late = externalIdsOf(search("q=levering te laat bezorger"));
        assertThat(late.subList(0, 2)).containsExactlyInAnyOrder("D-1", "D-2");

        JsonNode battery = search("q=accu kapot").json();
        assertThat(externalIdOf(battery.get(0))).startsWith("B-");
        JsonNode top = battery.get(0);
        assertThat(top.path("type").asString()).isEqualTo("feedback");
        assertThat(top.path("vectorScore").asDouble()).isBetween(0.0, 1.0);
        assertThat(top.path("textScore").isNumber()).isTrue();
        assertThat(top.path("fusedScore").asDouble()).isGreaterThan(battery.get(1).path("fusedScore").asDouble() - 1e-12);
        for (int i = 1; i < battery.size(); i++) {
            assertThat(battery.get(i).path("fusedScore").asDouble())
                    .isLessThanOrEqualTo(battery.get(i - 1).path("fusedScore").asDouble());
        }

        assertThat(externalIdsOf(search("q=mechanic explained the bike")).get(0)).startsWith("M-");
    }

    @Test
    void filtersNarrowTheSearchInsideTheQuery() {
        JsonNode onCheckout = search("q=problemen&touchpoint=" + checkoutTouchpoint + "&k=20").json();
        assertThat(onCheckout).isNotEmpty().allSatisfy(hit ->
                assertThat(hit.path("touchpointId").asString()).isEqualTo(checkoutTouchpoint));
        assertThat(onCheckout.size()).isEqualTo(3);

        JsonNode kpis = search("q=cart abandonment&type=kpi").json();
        assertThat(kpis).hasSize(1);
        assertThat(kpis.get(0).path("snippet").asString()).startsWith("cart abandonment: 68.5 %");

        JsonNode april = search("q=accu&from=2026-04-01&to=2026-04-30&k=20").json();
        assertThat(externalIdsOf(april)).containsExactlyInAnyOrder("B-1", "B-2");
        JsonNode seniors = search("q=fiets&segment=senior&k=20").json();
        assertThat(externalIdsOf(seniors)).containsExactlyInAnyOrder("B-2", "M-1");
    }

    @Test
    void vectorOnlyAndTextOnlyModesUseOneRetriever() {
        JsonNode vector = search("q=bezorging&mode=vector&k=5").json();
        assertThat(vector).hasSize(5).allSatisfy(hit -> {
            assertThat(hit.path("vectorScore").isNumber()).isTrue();
            assertThat(hit.path("textScore").isNull() || hit.path("textScore").isMissingNode()).isTrue();
        });
        JsonNode text = search("q=bezorging&mode=text&k=5").json();
        assertThat(text).isNotEmpty().allSatisfy(hit -> assertThat(hit.path("textScore").isNumber()).isTrue());
        assertThat(externalIdsOf(text)).contains("D-1");
    }

    @Test
    void badSearchParametersAreProblemsNamingTheParameter() {
        assertField(search("q=%20"), "q");
        assertField(search("q=" + "x".repeat(1001)), "q");
        assertField(search("q=accu&k=0"), "k");
        assertField(search("q=accu&k=101"), "k");
        assertField(search("q=accu&type=survey"), "type");
        assertField(search("q=accu&mode=fuzzy"), "mode");
        assertField(search("q=accu&from=2026-05-01&to=2026-04-01"), "from");
        assertField(search("q=accu&from=yesterday"), "from");
        assertField(search("q=accu&journey=nope"), "journey");
        assertThat(ws.viewer().get(ws.path("/evidence/search")).status()).isEqualTo(400);
    }

    @Test
    void tenThousandRandomSearchesNeverReturnAnotherWorkspacesEvidence() throws InterruptedException {
        TestWorkspace twin = TestWorkspace.create(workspaces, port);
        twin.editor().postRaw(twin.path("/evidence/feedback"),
                FEEDBACK.replace(";%1$s;", ";;").replace(";%2$s;", ";;"), "text/csv");
        twin.awaitEvidenceIndexed();
        Set<UUID> mine = ids(ws.id());
        Set<UUID> theirs = ids(twin.id());
        assertThat(mine).hasSize(11);
        assertThat(theirs).hasSize(10);

        Random random = new Random(7);
        String[] words = {"bezorging", "accu", "checkout", "monteur", "app", "klantenservice", "te", "laat", "kapot",
                "the", "bike", "betalen", "winter", "wachten", "cart"};
        for (int i = 0; i < 10_000; i++) {
            UUID workspace = i % 2 == 0 ? ws.id() : twin.id();
            float[] vector = new float[384];
            for (int d = 0; d < vector.length; d++) {
                vector[d] = (float) random.nextGaussian();
            }
            String text = words[random.nextInt(words.length)] + " " + words[random.nextInt(words.length)];
            IndexStore.Mode mode = IndexStore.Mode.values()[random.nextInt(3)];
            List<IndexStore.Hit> hits = indexStore.search(new IndexStore.Query(workspace, text, vector, 10,
                    null, null, null, null, null, null, null, false), mode);
            Set<UUID> allowed = workspace.equals(ws.id()) ? mine : theirs;
            for (IndexStore.Hit hit : hits) {
                assertThat(allowed).as("search %d in %s returned %s", i, workspace, hit.itemId()).contains(hit.itemId());
            }
        }
    }

    private Set<UUID> ids(UUID workspace) {
        return new HashSet<>(jdbc.sql("select item_id from evidence_index where workspace_id = ?").param(workspace)
                .query(UUID.class).list());
    }

    private String touchpoint(String journeyId, String stageId, String name, String channel) {
        return ws.editor().post(ws.path("/journeys/" + journeyId + "/touchpoints"),
                object("stageId", stageId, "name", name, "channel", channel)).json().path("id").asString();
    }

    Response search(String query) {
        return ws.viewer().get(ws.path("/evidence/search?" + query.replace(" ", "%20")));
    }

    List<String> externalIdsOf(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return externalIdsOf(response.json());
    }

    List<String> externalIdsOf(JsonNode hits) {
        List<String> ids = new ArrayList<>();
        hits.forEach(hit -> ids.add(externalIdOf(hit)));
        return ids;
    }

    private String externalIdOf(JsonNode hit) {
        return jdbc.sql("select coalesce(external_id, 'kpi') from feedback where id = ? union all "
                        + "select 'kpi' from kpi where id = ?")
                .params(UUID.fromString(hit.path("id").asString()), UUID.fromString(hit.path("id").asString()))
                .query(String.class).single();
    }

    private static void assertField(Response response, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.problemFields()).as(response.toString()).contains(field);
    }


}
