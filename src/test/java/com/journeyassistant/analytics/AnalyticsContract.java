package com.journeyassistant.analytics;

import static com.journeyassistant.support.Api.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.journeyassistant.support.Api.Response;
import com.journeyassistant.support.ApiTest;
import com.journeyassistant.support.TestWorkspace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Journey analytics over HTTP, computed from a small journey whose right answers are known. */
abstract class AnalyticsContract extends ApiTest {

    private static final String CSV = "text/csv";
    private static final List<String> PAYMENT_COMPLAINTS = List.of(
            "De betaling met iDEAL mislukte drie keer bij het afrekenen",
            "Betalen lukte niet, de betaalpagina gaf steeds een foutmelding",
            "Mijn creditcardbetaling werd geweigerd terwijl alles klopte",
            "Na het betalen bleef de pagina hangen en ik wist niet of de betaling gelukt was",
            "Afrekenen mislukt: de bank gaf akkoord maar de webshop zag geen betaling",
            "Ik moest vier keer opnieuw betalen voordat de bestelling doorging",
            "De betaalstap crashte, mail me op klant@example.nl als het opgelost is",
            "Betaling in termijnen werd zonder uitleg afgewezen bij de checkout");
    private static final List<String> DELIVERY_PRAISE = List.of(
            "De bezorger zette de fiets keurig in elkaar en legde alles uit",
            "Levering was precies op de afgesproken dag, de monteur was heel vriendelijk",
            "Top bezorging: de e-bike stond binnen twee dagen afgesteld voor de deur",
            "De monteur nam rustig de tijd om de fiets bij ons thuis af te stellen",
            "Bezorgd en gemonteerd zoals beloofd, de bezorger nam de verpakking mee",
            "Keurig op tijd geleverd en de fiets was meteen rijklaar afgesteld",
            "Fijne bezorgers, ze droegen de fiets de schuur in en gaven uitleg",
            "Snelle levering aan huis en een monteur die echt verstand van zaken had");

    String journeyId;
    List<String> stageIds = new ArrayList<>();
    String adTouchpoint;
    String checkoutTouchpoint;
    String emptyTouchpoint;

    @BeforeEach
    void aJourneyWithEvidence() throws InterruptedException {
        journeyId = ws.editor().post(ws.path("/journeys"), object("name", "Webshop", "language", "nl"))
                .json().path("id").asString();
        ws.viewer().get(ws.path("/journeys/" + journeyId + "/stages")).json()
                .forEach(stage -> stageIds.add(stage.path("id").asString()));
        adTouchpoint = touchpoint(stageIds.get(0), "Zoekadvertentie", "SEARCH_AD");
        checkoutTouchpoint = touchpoint(stageIds.get(2), "Checkout", "WEBSITE");
        emptyTouchpoint = touchpoint(stageIds.get(2), "Orderbevestiging", "EMAIL");

        upload("/evidence/kpis", String.join("\n",
                "metric;value;unit;period;target;better;stage_id;touchpoint_id",
                "visitors;10000;visitors;2026-09;;;" + stageIds.get(0) + ";",
                "visitors;12000;visitors;2026-10;;;" + stageIds.get(0) + ";",
                "visitors;3000;visitors;2026-10;;;" + stageIds.get(2) + ";",
                "click-through rate;4,2;%;2026-10;4;higher;;" + adTouchpoint,
                "cart abandonment;72;%;2026-09;55;lower;;" + checkoutTouchpoint,
                "cart abandonment;70;%;2026-10;55;lower;;" + checkoutTouchpoint,
                "checkout conversion;2,9;%;2026-10;3;higher;;" + checkoutTouchpoint,
                "average order value;2950;EUR;2026-10;;higher;;" + checkoutTouchpoint) + "\n");
        upload("/evidence/kpis", "metric;value;target;journey_id\nNPS;31;40;" + journeyId
                + "\nNPS (all customers);31;;" + journeyId + "\n");

        StringBuilder feedback = new StringBuilder("text;csat;stage_id;touchpoint_id;external_id\n");
        feedback.append("Duidelijke advertentie;5;;").append(adTouchpoint).append(";AD-1\n");
        feedback.append("Prima advertentie;4;;").append(adTouchpoint).append(";AD-2\n");
        feedback.append("Goede prijs in de advertentie;5;;").append(adTouchpoint).append(";AD-3\n");
        for (int i = 0; i < PAYMENT_COMPLAINTS.size(); i++) {
            feedback.append('"').append(PAYMENT_COMPLAINTS.get(i)).append("\";").append(1 + i % 2).append(";;")
                    .append(checkoutTouchpoint).append(";PAY-").append(i).append('\n');
        }
        for (int i = 0; i < DELIVERY_PRAISE.size(); i++) {
            feedback.append('"').append(DELIVERY_PRAISE.get(i)).append("\";5;").append(stageIds.get(2))
                    .append(";;DEL-").append(i).append('\n');
        }
        upload("/evidence/feedback", feedback.toString());
        // No score: the emotion of these comes from their words.
        upload("/evidence/feedback", "text;stage_id;touchpoint_id;external_id\n"
                + "\"Heel frustrerend, de checkout is traag en onduidelijk\";;" + checkoutTouchpoint + ";S-1\n"
                + "\"Slecht geregeld, niemand hielp me\";;" + checkoutTouchpoint + ";S-2\n");
        ws.awaitEvidenceIndexed();
    }

    @Test
    void kpisPerStageAreComparedWithTheirTargetsUsingTheLatestPeriod() {
        JsonNode report = analytics(ws).json();

        JsonNode purchase = stage(report, 2);
        JsonNode abandonment = kpi(purchase, "cart abandonment");
        assertThat(abandonment.path("period").asString()).isEqualTo("2026-10");
        assertThat(abandonment.path("value").decimalValue()).isEqualByComparingTo("70");
        assertThat(abandonment.path("gap").decimalValue()).isEqualByComparingTo("15");
        assertThat(abandonment.path("gapPercent").asDouble()).isEqualTo(27.3);
        assertThat(abandonment.path("status").asString()).as("lower is better, 70 > 55").isEqualTo("MISSED");
        assertThat(kpi(purchase, "checkout conversion").path("status").asString()).as("2.9 is within 10% of 3")
                .isEqualTo("CLOSE");
        assertThat(kpi(purchase, "average order value").path("status").asString()).isEqualTo("NO_TARGET");
        assertThat(kpi(stage(report, 0), "click-through rate").path("status").asString()).isEqualTo("MET");
        assertThat(kpi(stage(report, 0), "click-through rate").path("touchpointId").asString()).isEqualTo(adTouchpoint);
        assertThat(report.path("journeyKpis")).hasSize(2);
        assertThat(report.path("journeyKpis").get(0).path("status").asString()).isEqualTo("MISSED");
        assertThat(report.path("evidence").path("kpis").asInt()).isEqualTo(10);
    }

    @Test
    void theFunnelRunsBetweenStagesWithAVolume() {
        JsonNode report = analytics(ws).json();

        assertThat(stage(report, 0).path("volume").path("value").decimalValue()).as("the latest period")
                .isEqualByComparingTo("12000");
        assertThat(stage(report, 1).path("volume").isNull() || stage(report, 1).path("volume").isMissingNode()).isTrue();
        assertThat(report.path("funnel")).hasSize(1);
        JsonNode step = report.path("funnel").get(0);
        assertThat(step.path("fromStageId").asString()).isEqualTo(stageIds.get(0));
        assertThat(step.path("toStageId").asString()).isEqualTo(stageIds.get(2));
        assertThat(step.path("conversion").asDouble()).isEqualTo(0.25);
        assertThat(step.path("dropOff").asDouble()).isEqualTo(0.75);
    }

    @Test
    void theEmotionCurveComesFromScoresAndFromWordsWhereThereIsNoScore() {
        JsonNode curve = analytics(ws).json().path("emotionCurve");

        assertThat(curve).hasSize(3);
        JsonNode ad = point(curve, adTouchpoint);
        assertThat(ad.path("meanScore").asDouble()).isEqualTo(4.67);
        assertThat(ad.path("level").asInt()).isEqualTo(5);
        assertThat(ad.path("emotion").asString()).isEqualTo("VERY_HAPPY");
        assertThat(ad.path("fromScores").asInt()).isEqualTo(3);
        JsonNode checkout = point(curve, checkoutTouchpoint);
        assertThat(checkout.path("items").asInt()).isEqualTo(10);
        assertThat(checkout.path("fromScores").asInt()).isEqualTo(8);
        assertThat(checkout.path("fromSentiment").asInt()).isEqualTo(2);
        assertThat(checkout.path("level").asInt()).isEqualTo(1);
        JsonNode empty = point(curve, emptyTouchpoint);
        assertThat(empty.path("items").asInt()).isZero();
        assertThat(empty.path("level").isNumber()).as("no evidence, no level").isFalse();
        assertThat(curve.get(0).path("touchpointId").asString()).as("in map order").isEqualTo(adTouchpoint);
    }

    @Test
    void feedbackThemesSeparateDifferentSubjectsAndPainsAreTheUnhappyOnes() {
        JsonNode purchase = stage(analytics(ws).json(), 2);
        Map<String, String> group = groups();

        JsonNode themes = purchase.path("themes");
        assertThat(themes.size()).isGreaterThanOrEqualTo(2);
        Set<String> groupsSeen = new HashSet<>();
        for (JsonNode theme : themes) {
            Set<String> groupsInTheme = new HashSet<>();
            theme.path("quotes").forEach(q -> groupsInTheme.add(group.get(q.path("feedbackId").asString())));
            assertThat(groupsInTheme).as("one subject per theme: %s", theme).hasSize(1);
            groupsSeen.addAll(groupsInTheme);
            assertThat(theme.path("size").asInt()).isGreaterThanOrEqualTo(theme.path("quotes").size());
            assertThat(theme.path("keywords").size()).isPositive();
        }
        assertThat(groupsSeen).contains("payment", "delivery");

        JsonNode pains = purchase.path("pains");
        assertThat(pains.size()).isPositive();
        for (JsonNode pain : pains) {
            assertThat(pain.path("meanScore").asDouble()).isLessThan(3);
            assertThat(pain.path("customers").asInt()).isGreaterThanOrEqualTo(3);
            assertThat(pain.path("impact").asDouble()).isCloseTo(pain.path("share").asDouble()
                    * (3 - pain.path("meanScore").asDouble()), org.assertj.core.data.Offset.offset(0.001));
            pain.path("quotes").forEach(q -> assertThat(group.get(q.path("feedbackId").asString()))
                    .as("pains come from the unhappy customers only").isEqualTo("payment"));
        }
        JsonNode gains = purchase.path("gains");
        assertThat(gains.size()).isPositive();
        gains.forEach(gain -> gain.path("quotes").forEach(q -> assertThat(group.get(q.path("feedbackId").asString()))
                .isEqualTo("delivery")));
        assertThat(purchase.path("feedback").asInt()).isEqualTo(18);
        assertThat(purchase.toString()).as("quotes are the redacted text").doesNotContain("klant@example.nl");
    }

    @Test
    void theJourneyAsAWholeHasItsPainsAndGainsAndTrendsSayWhenThereIsTooLittleToTell() throws InterruptedException {
        JsonNode report = analytics(ws).json();
        JsonNode journey = report.path("journey");
        assertThat(journey.path("unhappy").asInt()).as("CSAT 1-2 and the two negative texts").isEqualTo(10);
        assertThat(journey.path("happy").asInt()).as("CSAT 4-5").isEqualTo(11);
        assertThat(journey.path("pains")).isNotEmpty();
        assertThat(journey.path("gains")).isNotEmpty();
        JsonNode abandonment = trend(report, "cart abandonment");
        assertThat(abandonment.path("subject").asString()).isEqualTo("KPI");
        assertThat(abandonment.path("direction").asString()).as("two periods").isEqualTo("NOT_ENOUGH_DATA");
        assertThat(abandonment.path("note").asString()).contains("a trend needs 3");
        assertThat(report.path("touchpoints")).as("no touchpoint has 20 items yet").isEmpty();

        upload("/evidence/kpis", "metric;value;unit;period;target;better;touchpoint_id\n"
                + "cart abandonment;64;%;2026-11;55;lower;" + checkoutTouchpoint + "\n");
        abandonment = trend(analytics(ws).json(), "cart abandonment");
        assertThat(abandonment.path("direction").asString()).as("72 -> 70 -> 64, lower is better")
                .isEqualTo("IMPROVING");
        assertThat(abandonment.path("change").asDouble()).isEqualTo(-11.1);
        assertThat(abandonment.path("periods").findValuesAsString("period"))
                .containsExactly("2026-09", "2026-10", "2026-11");
        assertThat(analytics(ws).json().path("movers").findValuesAsString("name")).contains("cart abandonment");
    }

    private static JsonNode trend(JsonNode report, String name) {
        for (JsonNode trend : report.path("trends")) {
            if (trend.path("name").asString().equals(name)) {
                return trend;
            }
        }
        throw new AssertionError("no trend " + name + " in " + report.path("trends"));
    }

    @Test
    void segmentsAreCountedLargestFirstWithTheirMeanLevel() throws InterruptedException {
        assertThat(analytics(ws).json().path("segments")).as("no segment named yet").isEmpty();

        upload("/evidence/feedback", "text;csat;segment;touchpoint_id\n"
                + "Snel geleverd;5;forens;" + adTouchpoint + "\n"
                + "Fiets kwam op tijd;4;forens;" + adTouchpoint + "\n"
                + "Duur maar goed;3;forens;" + adTouchpoint + "\n"
                + "Te duur voor mij;2;student;" + adTouchpoint + "\n");
        ws.awaitEvidenceIndexed();
        JsonNode segments = analytics(ws).json().path("segments");

        assertThat(segments).hasSize(2);
        assertThat(segments.get(0).path("name").asString()).isEqualTo("forens");
        assertThat(segments.get(0).path("feedback").asInt()).isEqualTo(3);
        assertThat(segments.get(0).path("meanScore").asDouble()).isEqualTo(4.0);
        assertThat(segments.get(1).path("name").asString()).isEqualTo("student");
        assertThat(segments.get(1).path("meanScore").asDouble()).isEqualTo(2.0);
    }

    @Test
    void theSameEvidenceGivesTheSameAnalyticsAndNewEvidenceIsCountedAtOnce() throws InterruptedException {
        JsonNode first = analytics(ws).json();
        JsonNode second = analytics(ws).json();
        assertThat(second.path("stages").toString()).isEqualTo(first.path("stages").toString());

        upload("/evidence/feedback", "text;csat;touchpoint_id\nDe advertentie was duidelijk;5;" + adTouchpoint + "\n");
        ws.awaitEvidenceIndexed();
        JsonNode after = analytics(ws).json();

        assertThat(after.path("evidence").path("feedback").asInt()).isEqualTo(first.path("evidence").path("feedback").asInt() + 1);
        assertThat(point(after.path("emotionCurve"), adTouchpoint).path("items").asInt()).isEqualTo(4);
    }

    @Test
    void withoutALanguageModelGenerationAndChatSayHowToConfigureOneWhileAnalyticsKeepWorking() {
        Response generation = ws.editor().post(ws.path("/touchpoints/" + checkoutTouchpoint + "/content-variants"),
                com.journeyassistant.support.Api.object("count", 1));

        assertThat(generation.status()).isEqualTo(503);
        assertThat(generation.contentType()).startsWith("application/problem+json");
        assertThat(generation.json().path("detail").asString()).contains("JOURNEY_LLM_MODEL");
        assertThat(analytics(ws).status()).isEqualTo(200);
        assertThat(ws.viewer().post("/api/stats/sample-size", com.journeyassistant.support.Api.object(
                "baselineRate", 0.1, "targetRate", 0.12)).status()).isEqualTo(200);

        String conversation = ws.viewer().post(ws.path("/conversations"), com.journeyassistant.support.Api.object())
                .json().path("id").asString();
        Response chat = ws.viewer().post(ws.path("/conversations/" + conversation + "/messages"),
                com.journeyassistant.support.Api.object("content", "Hallo"));
        assertThat(chat.status()).isEqualTo(503);
        assertThat(chat.json().path("detail").asString()).contains("chat").contains("JOURNEY_LLM_MODEL");
        assertThat(ws.viewer().get(ws.path("/conversations/" + conversation)).json().path("messages"))
                .as("nothing half-written").isEmpty();
    }

    @Test
    void anotherWorkspacesJourneyIsNotFound() {
        TestWorkspace other = TestWorkspace.create(workspaces, port);

        Response foreign = other.viewer().get(other.path("/journeys/" + journeyId + "/analytics"));
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.contentType()).startsWith("application/problem+json");
        assertThat(foreign.toString()).doesNotContain("Webshop");
        assertThat(ws.viewer().get(ws.path("/journeys/" + UUID.randomUUID() + "/analytics")).status()).isEqualTo(404);
        assertThat(ws.viewer().get(ws.path("/journeys/not-a-uuid/analytics")).status()).isEqualTo(400);
    }

    private Map<String, String> groups() {
        Map<String, String> group = new HashMap<>();
        JsonNode items = ws.viewer().get(ws.path("/evidence/feedback?limit=100")).json().path("items");
        for (JsonNode item : items) {
            String externalId = item.path("externalId").asString();
            group.put(item.path("id").asString(), externalId.startsWith("DEL") ? "delivery"
                    : externalId.startsWith("PAY") || externalId.startsWith("S-") ? "payment" : "other");
        }
        return group;
    }

    private Response analytics(TestWorkspace workspace) {
        Response response = workspace.viewer().get(workspace.path("/journeys/" + journeyId + "/analytics"));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response;
    }

    private String touchpoint(String stageId, String name, String channel) {
        return ws.editor().post(ws.path("/journeys/" + journeyId + "/touchpoints"),
                object("stageId", stageId, "name", name, "channel", channel)).json().path("id").asString();
    }

    private void upload(String path, String csv) {
        Response response = ws.editor().postRaw(ws.path(path), csv, CSV);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    private JsonNode stage(JsonNode report, int index) {
        for (JsonNode stage : report.path("stages")) {
            if (stage.path("stageId").asString().equals(stageIds.get(index))) {
                return stage;
            }
        }
        throw new AssertionError("no stage " + index + " in " + report);
    }

    private static JsonNode kpi(JsonNode stage, String metric) {
        for (JsonNode kpi : stage.path("kpis")) {
            if (kpi.path("metric").asString().equals(metric)) {
                return kpi;
            }
        }
        throw new AssertionError("no KPI " + metric + " in " + stage);
    }

    private static JsonNode point(JsonNode curve, String touchpointId) {
        for (JsonNode point : curve) {
            if (point.path("touchpointId").asString().equals(touchpointId)) {
                return point;
            }
        }
        throw new AssertionError("no touchpoint " + touchpointId + " in " + curve);
    }
}
