package com.journeyassistant.batch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.journeyassistant.support.Api.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.journeyassistant.support.Api.Response;
import com.journeyassistant.support.ApiTest;
import com.journeyassistant.support.FakeChatModel;
import com.journeyassistant.support.TestWorkspace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Batch generation end to end against WireMock speaking the OpenAI chat-completions protocol:
 * a journey with e-mail and search-ad touchpoints with evidence, one touchpoint the assistant
 * writes no copy for and one without evidence, two personas.
 */
abstract class BatchContract extends ApiTest {

    private static final String PATH = "/v1/chat/completions";
    static final WireMockServer model = FakeChatModel.startServer();

    @DynamicPropertySource
    static void chatModel(DynamicPropertyRegistry registry) {
        FakeChatModel.configure(registry, model);
        registry.add("journey.llm.timeout", () -> "PT3S");
        registry.add("journey.llm.max-attempts", () -> "4");
        registry.add("journey.llm.max-wait", () -> "PT2S");
        registry.add("journey.llm.breaker-threshold", () -> "50");
        registry.add("journey.batch.workers", () -> "3");
        registry.add("journey.batch.input-price-per-million", () -> "0.15");
        registry.add("journey.batch.output-price-per-million", () -> "0.60");
        registry.add("journey.batch.provider-poll", () -> "PT0.2S");
    }

    String journeyId;
    String orderMail;
    String deliveryMail;
    String searchAd;
    String store;
    String silentPage;
    String sanne;
    String ahmed;

    @BeforeEach
    void aJourneyWithEvidence() throws InterruptedException {
        model.resetAll();
        journeyId = ws.editor().post(ws.path("/journeys"), object("name", "Webshop", "language", "nl"))
                .json().path("id").asString();
        JsonNode stages = ws.viewer().get(ws.path("/journeys/" + journeyId + "/stages")).json();
        orderMail = touchpoint(stages.get(2), "Orderbevestiging", "EMAIL");
        deliveryMail = touchpoint(stages.get(3), "Bezorgmail", "EMAIL");
        searchAd = touchpoint(stages.get(0), "Zoekadvertentie", "SEARCH_AD");
        store = touchpoint(stages.get(0), "Winkelbezoek", "STORE");
        silentPage = touchpoint(stages.get(1), "Productpagina", "WEBSITE");
        sanne = ws.editor().post(ws.path("/journeys/" + journeyId + "/personas"), object("name", "Sanne"))
                .json().path("id").asString();
        ahmed = ws.editor().post(ws.path("/journeys/" + journeyId + "/personas"), object("name", "Ahmed"))
                .json().path("id").asString();
        StringBuilder feedback = new StringBuilder("text;csat;touchpoint_id\n");
        for (String touchpoint : List.of(orderMail, deliveryMail, searchAd, store)) {
            feedback.append("\"Ik wist niet of mijn bestelling gelukt was\";2;").append(touchpoint).append('\n')
                    .append("\"De bezorging duurde lang en niemand liet iets weten\";1;").append(touchpoint).append('\n');
        }
        assertThat(ws.editor().postRaw(ws.path("/evidence/feedback"), feedback.toString(), "text/csv").status())
                .isEqualTo(200);
        ws.awaitEvidenceIndexed();
    }

    @AfterEach
    void noRunLeftRunning() {
        for (JsonNode run : ws.viewer().get(ws.path("/journeys/" + journeyId + "/batches")).json()) {
            String status = run.path("status").asString();
            if (status.equals("RUNNING") || status.equals("PAUSED") || status.equals("PAUSING")) {
                ws.editor().post(ws.path("/batches/" + run.path("id").asString() + "/cancel"), object());
            }
        }
    }

    @Test
    void aPreviewCountsTheCellsEstimatesTokensCostAndTimeAndSaysWhichCannotRunWithoutCallingTheModel() {
        Response preview = ws.editor().post(ws.path("/journeys/" + journeyId + "/batches/preview"),
                object("languages", List.of("nl", "en"), "variantsPerCell", 2));

        assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
        JsonNode body = preview.json();
        assertThat(body.path("cells").asInt()).as("5 touchpoints x 2 personas x 2 languages").isEqualTo(20);
        assertThat(body.path("blocked").asInt()).isEqualTo(8);
        assertThat(body.path("runnable").asInt()).isEqualTo(12);
        assertThat(body.path("variants").asInt()).isEqualTo(24);
        List<String> reasons = body.path("blockedCells").findValuesAsString("blocked");
        assertThat(reasons).hasSize(8);
        assertThat(body.path("blockedCells").findValuesAsString("touchpointId")).containsOnly(store, silentPage);
        assertThat(reasons).anyMatch(r -> r.contains("writes no copy for the channel STORE"))
                .anyMatch(r -> r.contains("no evidence for this touchpoint"));
        JsonNode estimate = body.path("estimate");
        long input = estimate.path("inputTokens").asLong();
        long output = estimate.path("outputTokens").asLong();
        assertThat(input).as("at least the evidence budget per cell").isGreaterThan(12 * 2500);
        assertThat(output).isPositive();
        assertThat(estimate.path("cost").decimalValue().doubleValue())
                .isCloseTo((input * 0.15 + output * 0.60) / 1e6, org.assertj.core.data.Offset.offset(0.0002));
        assertThat(estimate.path("currency").asString()).isEqualTo("USD");
        assertThat(estimate.path("durationSeconds").asLong()).isPositive();
        assertThat(estimate.path("limitedBy").asString()).isNotBlank();

        Response narrowed = ws.editor().post(ws.path("/journeys/" + journeyId + "/batches/preview"),
                object("channels", List.of("SEARCH_AD"), "personaIds", List.of()));
        assertThat(narrowed.json().path("cells").asInt()).as("one touchpoint, no persona, one language").isEqualTo(1);

        Response bad = ws.editor().post(ws.path("/journeys/" + journeyId + "/batches/preview"),
                object("personaIds", List.of(UUID.randomUUID()), "variantsPerCell", 9, "languages", List.of("fr")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.problemFields()).contains("personaIds[0]", "variantsPerCell", "languages[0]");
        model.verify(0, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void aRunStoresEveryCellsVariantsOnceAndRecordsFailingCellsWithoutStoppingThenRetriesThem() {
        answerEveryChannel();
        // the delivery mail's copy always breaks the subject limit: it fails even after the repair round
        model.stubFor(post(urlEqualTo(PATH)).atPriority(1).withRequestBody(containing("Bezorgmail"))
                .willReturn(ok(emailVariants(2, "x".repeat(70)))));

        Response started = ws.editor().post(ws.path("/journeys/" + journeyId + "/batches"),
                object("name", "Najaar", "variantsPerCell", 2));

        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        String batch = started.json().path("id").asString();
        assertThat(started.header("Location")).endsWith("/batches/" + batch);
        JsonNode done = awaitStatus(batch, "COMPLETED");
        assertThat(done.path("cells").asInt()).isEqualTo(10);
        assertThat(done.path("done").asInt()).as("order mail and search ad, 2 personas each").isEqualTo(4);
        assertThat(done.path("failed").asInt()).as("the delivery mail, 2 personas").isEqualTo(2);
        assertThat(done.path("blocked").asInt()).isEqualTo(4);
        assertThat(done.path("remaining").asInt()).isZero();
        assertThat(done.path("inputTokens").asLong()).isEqualTo(4 * 900);
        assertThat(done.path("cost").decimalValue().doubleValue()).isPositive();

        JsonNode failed = ws.viewer().get(ws.path("/batches/" + batch + "/cells?status=FAILED")).json();
        assertThat(failed).hasSize(2);
        assertThat(failed.get(0).path("reason").asString()).contains("422").contains("subject");
        assertThat(failed.get(0).path("touchpointId").asString()).isEqualTo(deliveryMail);
        assertThatEachDoneCellHasItsVariantsOnce(batch, 2);

        model.resetAll();
        answerEveryChannel();
        Response retried = ws.editor().post(ws.path("/batches/" + batch + "/retry-failed"), object());
        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        JsonNode after = awaitStatus(batch, "COMPLETED");
        assertThat(after.path("done").asInt()).isEqualTo(6);
        assertThat(after.path("failed").asInt()).isZero();
        model.verify(2, postRequestedFor(urlEqualTo(PATH)));
        assertThatEachDoneCellHasItsVariantsOnce(batch, 2);

        assertThat(ws.editor().post(ws.path("/batches/" + batch + "/retry-failed"), object()).status())
                .as("nothing left to retry").isEqualTo(409);
        TestWorkspace other = TestWorkspace.create(workspaces, port);
        assertThat(other.admin().get(other.path("/batches/" + batch)).status()).as("another workspace's batch")
                .isEqualTo(404);
        assertThat(ws.viewer().post(ws.path("/journeys/" + journeyId + "/batches"), object()).status())
                .as("a viewer may not run a batch").isEqualTo(403);
    }

    @Test
    void aStormOf429sIsWaitedOutByEveryWorkerAndTheRunStillCompletes() {
        model.stubFor(post(urlEqualTo(PATH)).inScenario("storm").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("second"));
        model.stubFor(post(urlEqualTo(PATH)).inScenario("storm").whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("calm"));
        model.stubFor(post(urlEqualTo(PATH)).inScenario("storm").whenScenarioStateIs("calm")
                .withRequestBody(containing("search ad")).willReturn(ok(searchAdVariants(2))));
        model.stubFor(post(urlEqualTo(PATH)).inScenario("storm").whenScenarioStateIs("calm")
                .withRequestBody(containing("subject (at most")).willReturn(ok(emailVariants(2, null))));

        String batch = ws.editor().post(ws.path("/journeys/" + journeyId + "/batches"),
                object("variantsPerCell", 2)).json().path("id").asString();

        // progress as server-sent events, one a second, until the run ends
        List<com.journeyassistant.support.Api.Event> events = ws.viewer().getEvents(ws.path("/batches/" + batch
                + "/events"));
        assertThat(events).isNotEmpty().allMatch(e -> e.name().equals("progress"));
        JsonNode last = events.get(events.size() - 1).json();
        assertThat(last.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(events.get(0).json().path("cells").asInt()).isEqualTo(10);
        JsonNode done = awaitStatus(batch, "COMPLETED");
        assertThat(done.path("done").asInt()).isEqualTo(6);
        assertThat(done.path("failed").asInt()).isZero();
        List<LoggedRequest> requests = new ArrayList<>(model.findAll(postRequestedFor(urlEqualTo(PATH))));
        requests.sort(Comparator.comparing(LoggedRequest::getLoggedDate));
        // calls already on their way when the first refusal came back arrive within a moment of it; after that,
        // nothing arrives until Retry-After has passed: every worker is held, not only the refused one
        long firstRefusal = requests.get(0).getLoggedDate().getTime();
        assertThat(requests).as("requests between the refusal and its Retry-After")
                .noneMatch(r -> r.getLoggedDate().getTime() > firstRefusal + 300
                        && r.getLoggedDate().getTime() < firstRefusal + 900);
        assertThatEachDoneCellHasItsVariantsOnce(batch, 2);
    }

    @Test
    void aRunPausesAfterItsCellsInFlightResumesWhereItStoppedAndCancelsWhatIsLeft() throws InterruptedException {
        model.stubFor(post(urlEqualTo(PATH)).withRequestBody(containing("search ad"))
                .willReturn(ok(searchAdVariants(1)).withFixedDelay(400)));
        model.stubFor(post(urlEqualTo(PATH)).withRequestBody(containing("subject (at most"))
                .willReturn(ok(emailVariants(1, null)).withFixedDelay(400)));
        String batch = ws.editor().post(ws.path("/journeys/" + journeyId + "/batches"),
                object("variantsPerCell", 1)).json().path("id").asString();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> progress(batch).path("done").asInt() >= 1);

        Response pausing = ws.editor().post(ws.path("/batches/" + batch + "/pause"), object());
        assertThat(pausing.status()).as(pausing.toString()).isEqualTo(200);
        JsonNode paused = awaitStatus(batch, "PAUSED");
        int doneAtPause = paused.path("done").asInt();
        assertThat(paused.path("remaining").asInt()).isPositive();
        assertThat(paused.path("inFlight").asInt()).isZero();
        int asked = model.findAll(postRequestedFor(urlEqualTo(PATH))).size();
        Thread.sleep(1200);
        assertThat(model.findAll(postRequestedFor(urlEqualTo(PATH)))).as("nothing is asked while paused").hasSize(asked);
        assertThat(progress(batch).path("done").asInt()).isEqualTo(doneAtPause);
        assertThat(ws.editor().post(ws.path("/batches/" + batch + "/pause"), object()).status()).isEqualTo(409);

        assertThat(ws.editor().post(ws.path("/batches/" + batch + "/resume"), object()).status()).isEqualTo(200);
        JsonNode done = awaitStatus(batch, "COMPLETED");
        assertThat(done.path("done").asInt()).isEqualTo(6);
        assertThat(model.findAll(postRequestedFor(urlEqualTo(PATH)))).as("every cell asked once").hasSize(6);
        assertThatEachDoneCellHasItsVariantsOnce(batch, 1);

        String second = ws.editor().post(ws.path("/journeys/" + journeyId + "/batches"),
                object("variantsPerCell", 1)).json().path("id").asString();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> progress(second).path("done").asInt() >= 1);
        Response cancelled = ws.editor().post(ws.path("/batches/" + second + "/cancel"), object());
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().path("status").asString()).isEqualTo("CANCELLED");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> progress(second).path("inFlight").asInt() == 0);
        JsonNode end = progress(second);
        assertThat(end.path("cancelled").asInt()).isPositive();
        assertThat(end.path("done").asInt() + end.path("cancelled").asInt() + end.path("failed").asInt())
                .isEqualTo(6);
        assertThat(ws.editor().post(ws.path("/batches/" + second + "/resume"), object()).status()).isEqualTo(409);
        assertThatEachDoneCellHasItsVariantsOnce(second, 1);
    }

    @Test
    void aSpreadsheetOfBriefsIsReadWithDutchHeadersAndItsBadLinesAreNamedOrLeftOut() {
        String csv = "contactmoment;persona;kanaal;taal;aantal;briefing\n"
                + "Orderbevestiging;Sanne;;nl;2;Benadruk de zekerheid\n"
                + "Zoekadvertentie;;;nl;1;\n"
                + "Onbekend moment;;;nl;2;\n"
                + "Orderbevestiging;;;fr;2;\n"
                + "Orderbevestiging;;;nl;twee;\n"
                + "Bezorgmail;Karel;;nl;1;\n";
        Response preview = ws.editor().postRaw(ws.path("/journeys/" + journeyId + "/batches/preview"), csv, "text/csv");

        assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
        JsonNode body = preview.json();
        assertThat(body.path("cells").asInt()).isEqualTo(3);
        assertThat(body.path("runnable").asInt()).isEqualTo(2);
        assertThat(body.path("blockedCells").get(0).path("blocked").asString()).contains("no persona 'Karel'");
        JsonNode lines = body.path("lineErrors");
        assertThat(lines.findValuesAsString("field")).containsExactly("touchpoint", "language", "count");
        assertThat(lines.findValues("line").stream().map(JsonNode::asInt).toList()).containsExactly(4, 5, 6);
        assertThat(body.path("firstCells").get(0).path("brief").asString()).isEqualTo("Benadruk de zekerheid");
        assertThat(body.path("firstCells").get(0).path("personaId").asString()).isEqualTo(sanne);

        Response refused = ws.editor().postRaw(ws.path("/journeys/" + journeyId + "/batches"), csv, "text/csv");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("errors").findValues("line").stream().map(JsonNode::asInt).toList())
                .containsExactly(4, 5, 6);
        assertThat(ws.viewer().get(ws.path("/journeys/" + journeyId + "/batches")).json()).as("nothing half-made")
                .isEmpty();

        answerEveryChannel();
        Response started = ws.editor().postRaw(ws.path("/journeys/" + journeyId + "/batches?onlyValid=true&name=Uit%20CSV"),
                csv, "text/csv");
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        assertThat(started.json().path("name").asString()).isEqualTo("Uit CSV");
        JsonNode done = awaitStatus(started.json().path("id").asString(), "COMPLETED");
        assertThat(done.path("done").asInt()).isEqualTo(2);
        assertThat(done.path("blocked").asInt()).isEqualTo(1);
        String briefSent = model.findAll(postRequestedFor(urlEqualTo(PATH))).stream().map(LoggedRequest::getBodyAsString)
                .filter(b -> b.contains("Benadruk de zekerheid")).findFirst().orElseThrow();
        assertThat(briefSent).as("the brief is fenced as data").contains("<data>");
    }

    @Test
    void exportsHoldOnlyWhatFitsEachChannelCellByCellInTheShapesTheToolsImport() {
        answerEveryChannel();
        String batch = ws.editor().post(ws.path("/journeys/" + journeyId + "/batches"),
                object("variantsPerCell", 2, "touchpointIds", List.of(orderMail, searchAd))).json().path("id").asString();
        awaitStatus(batch, "COMPLETED");
        List<String> suggestionIds = jdbc.sql("""
                select s.id from suggestion s join batch_cell c on c.id = s.batch_cell_id where c.run_id = ?
                order by c.position, s.created_at""").param(UUID.fromString(batch)).query(String.class).list();
        assertThat(suggestionIds).hasSize(8);
        // the first variant of every cell accepted; one e-mail edited past its subject limit before
        for (int i = 0; i < suggestionIds.size(); i += 2) {
            assertThat(ws.editor().patch(ws.path("/suggestions/" + suggestionIds.get(i)),
                    object("status", "ACCEPTED")).status()).isEqualTo(200);
        }
        assertThat(exportOf(batch, "csv", "accepted", "comma").raw()).startsWith("\uFEFF");

        Response csv = exportOf(batch, "csv", "accepted", "semicolon");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        List<String> rows = csv.raw().substring(1).lines().toList();
        assertThat(rows.get(0)).startsWith("cell;touchpoint;touchpoint_id;persona;persona_id;channel;language;variant");
        assertThat(rows).hasSize(1 + 4);
        assertThat(csv.raw()).as("a subject a spreadsheet would run as a formula is defused")
                .contains(";'=Je bestelling is binnen 1;").doesNotContain(";=Je");
        assertThat(rows.stream().skip(1)).allMatch(r -> r.contains(";ACCEPTED;"));
        assertThat(exportOf(batch, "csv", "passing", "comma").raw().lines().count()).isEqualTo(1 + 8);

        Response jsonl = exportOf(batch, "jsonl", "passing", "comma");
        List<JsonNode> variants = jsonl.raw().lines().map(l -> com.journeyassistant.support.Api.JSON.readTree(l)).toList();
        assertThat(variants).hasSize(8);
        for (JsonNode variant : variants) {
            Map<String, Integer> limits = com.journeyassistant.generation.CopyLimits.of(
                    com.journeyassistant.journey.Channel.valueOf(variant.path("channel").asString()));
            for (var field : variant.path("fields").properties()) {
                assertThat(field.getValue().asString().length()).as(field.getKey()).isLessThanOrEqualTo(limits.get(field.getKey()));
            }
        }

        Response ads = exportOf(batch, "search-ads", "passing", "comma");
        List<String> adRows = ads.raw().substring(1).lines().toList();
        assertThat(adRows.get(0)).startsWith("Campaign,Ad group,Language,Final URL,Headline 1,")
                .contains("Headline 15,Description 1").endsWith("Description 4");
        assertThat(adRows).as("one ad group per persona of the search ad").hasSize(1 + 2);
        for (String row : adRows.subList(1, adRows.size())) {
            String[] values = row.split(",", -1);
            assertThat(values).hasSize(4 + 15 + 4);
            for (int i = 4; i < 19; i++) {
                assertThat(values[i].length()).as("headline").isLessThanOrEqualTo(30);
            }
            for (int i = 19; i < 23; i++) {
                assertThat(values[i].length()).as("description").isLessThanOrEqualTo(90);
            }
            assertThat(values[4]).isNotEmpty();
            assertThat(values[19]).isNotEmpty();
        }

        Response email = exportOf(batch, "email", "accepted", "comma");
        List<String> mails = email.raw().substring(1).lines().toList();
        assertThat(mails.get(0)).isEqualTo("Segment,Touchpoint,Language,Variant,Subject,Preheader,Body,Call to action,"
                + "Suggestion id");
        assertThat(mails).hasSize(1 + 2);
        assertThat(mails.stream().skip(1).map(r -> r.split(",")[0])).containsExactlyInAnyOrder("Ahmed", "Sanne");

        assertThat(exportOf(batch, "pdf", "accepted", "comma").problemFields()).contains("format");
        assertThat(exportOf(batch, "csv", "accepted", "tab").problemFields()).contains("delimiter");
    }

    @Test
    void aRunThroughTheProvidersBatchEndpointIsCheckedLikeALiveOneRepairedLiveAndItsFailuresRetriedLive() {
        Map<String, Object> selection = Map.of("variantsPerCell", 1, "touchpointIds", List.of(orderMail, searchAd));
        JsonNode live = ws.editor().post(ws.path("/journeys/" + journeyId + "/batches/preview"), selection).json();
        Map<String, Object> throughProvider = new java.util.HashMap<>(selection);
        throughProvider.put("delivery", "PROVIDER_BATCH");
        JsonNode cheaper = ws.editor().post(ws.path("/journeys/" + journeyId + "/batches/preview"), throughProvider)
                .json();
        assertThat(cheaper.path("estimate").path("cost").decimalValue().doubleValue()).as("half the live price")
                .isCloseTo(live.path("estimate").path("cost").decimalValue().doubleValue() / 2,
                        org.assertj.core.data.Offset.offset(0.0002));
        assertThat(cheaper.path("estimate").path("limitedBy").asString()).isEqualTo("provider-window");
        assertThat(cheaper.path("estimate").path("durationSeconds").asLong()).isEqualTo(24 * 3600);

        model.stubFor(post(urlEqualTo("/v1/files")).willReturn(json("{\"id\": \"file-in\", \"object\": \"file\"}")));
        model.stubFor(post(urlEqualTo("/v1/batches")).willReturn(json(providerBatch("validating", null, null))));
        model.stubFor(get(urlEqualTo("/v1/batches/batch_1")).inScenario("provider")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(json(providerBatch("in_progress", null, null))));
        String batch = ws.editor().post(ws.path("/journeys/" + journeyId + "/batches"), throughProvider).json()
                .path("id").asString();

        String upload = Awaitility.await("the requests uploaded").atMost(Duration.ofSeconds(20))
                .until(() -> model.findAll(postRequestedFor(urlEqualTo("/v1/files"))).stream()
                        .map(LoggedRequest::getBodyAsString).findFirst().orElse(null), java.util.Objects::nonNull);
        assertThat(upload).contains("name=\"purpose\"").contains("batch");
        List<JsonNode> requests = upload.lines().filter(l -> l.startsWith("{")).map(com.journeyassistant.support.Api.JSON::readTree)
                .toList();
        assertThat(requests).hasSize(4).allSatisfy(r -> {
            assertThat(r.path("method").asString()).isEqualTo("POST");
            assertThat(r.path("url").asString()).isEqualTo("/v1/chat/completions");
            assertThat(r.path("body").path("model").asString()).isEqualTo("test-model");
            assertThat(r.path("body").path("response_format").path("json_schema").path("strict").asBoolean()).isTrue();
            assertThat(r.path("body").path("response_format").path("json_schema").path("schema").path("properties")
                    .path("variants").path("items").path("required").toString()).contains("angle", "fields", "citations");
            assertThat(r.path("body").path("messages").get(1).path("content").asString()).contains("<data>");
        });
        List<String> mails = requests.stream().filter(r -> r.path("body").toString().contains("subject (at most"))
                .map(r -> r.path("custom_id").asString()).toList();
        List<String> ads = requests.stream().filter(r -> r.path("body").toString().contains("search ad"))
                .map(r -> r.path("custom_id").asString()).toList();
        assertThat(mails).hasSize(2);
        assertThat(ads).hasSize(2);

        // a good answer, one that breaks the subject limit (repaired live), a provider error, one in the error file
        String output = answered(mails.get(0), emailVariants(1, null)) + "\n"
                + answered(mails.get(1), emailVariants(1, "x".repeat(70))) + "\n"
                + FakeChatModel.json(Map.of("custom_id", ads.get(0), "response", Map.of("status_code", 500,
                        "body", Map.of("error", Map.of("code", "server_error", "message", "quoting your prompt"))))) + "\n";
        String errors = FakeChatModel.json(Map.of("custom_id", ads.get(1), "error", Map.of("code",
                "batch_expired", "message", "quoting your prompt"))) + "\n";
        model.stubFor(get(urlEqualTo("/v1/files/file-out/content")).willReturn(aResponse().withBody(output)));
        model.stubFor(get(urlEqualTo("/v1/files/file-err/content")).willReturn(aResponse().withBody(errors)));
        model.stubFor(post(urlEqualTo(PATH)).willReturn(ok(emailVariants(1, null))));
        model.stubFor(get(urlEqualTo("/v1/batches/batch_1")).inScenario("provider").whenScenarioStateIs("done")
                .willReturn(json(providerBatch("completed", "file-out", "file-err"))));
        model.setScenarioState("provider", "done");

        JsonNode done = awaitStatus(batch, "COMPLETED");
        assertThat(done.path("delivery").asString()).isEqualTo("PROVIDER_BATCH");
        assertThat(done.path("providerStatus").asString()).isEqualTo("completed");
        assertThat(done.path("done").asInt()).isEqualTo(2);
        assertThat(done.path("failed").asInt()).isEqualTo(2);
        List<LoggedRequest> repairs = model.findAll(postRequestedFor(urlEqualTo(PATH)));
        assertThat(repairs).as("one live repair round, for the answer that broke the subject limit").hasSize(1);
        assertThat(repairs.get(0).getBodyAsString()).contains("subject");
        JsonNode failed = ws.viewer().get(ws.path("/batches/" + batch + "/cells?status=FAILED")).json();
        assertThat(failed.findValuesAsString("reason")).anyMatch(r -> r.contains("500") && r.contains("server_error"))
                .anyMatch(r -> r.contains("could not answer") && r.contains("batch_expired"))
                .noneMatch(r -> r.contains("quoting your prompt"));
        assertThatEachDoneCellHasItsVariantsOnce(batch, 1);

        model.stubFor(post(urlEqualTo(PATH)).withRequestBody(containing("search ad")).willReturn(ok(searchAdVariants(1))));
        assertThat(ws.editor().post(ws.path("/batches/" + batch + "/retry-failed"), object()).status()).isEqualTo(200);
        JsonNode retried = awaitStatus(batch, "COMPLETED");
        assertThat(retried.path("done").asInt()).isEqualTo(4);
        assertThat(model.findAll(postRequestedFor(urlEqualTo(PATH)))).as("the failed cells asked live").hasSize(3);
        assertThat(model.findAll(postRequestedFor(urlEqualTo("/v1/files")))).as("nothing uploaded again").hasSize(1);
        assertThatEachDoneCellHasItsVariantsOnce(batch, 1);
    }

    @Test
    void cellsAnExpiredProviderBatchDidNotAnswerFailWithWhySoTheyCanBeRetriedLive() {
        model.stubFor(post(urlEqualTo("/v1/files")).willReturn(json("{\"id\": \"file-in\"}")));
        model.stubFor(post(urlEqualTo("/v1/batches")).willReturn(json(providerBatch("validating", null, null))));
        model.stubFor(get(urlEqualTo("/v1/batches/batch_1")).willReturn(json(providerBatch("in_progress", null, null))));
        String batch = ws.editor().post(ws.path("/journeys/" + journeyId + "/batches"), Map.of("variantsPerCell", 1,
                "touchpointIds", List.of(orderMail), "delivery", "PROVIDER_BATCH")).json().path("id").asString();
        String upload = Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> model.findAll(postRequestedFor(urlEqualTo("/v1/files"))).stream()
                        .map(LoggedRequest::getBodyAsString).findFirst().orElse(null), java.util.Objects::nonNull);
        String first = com.journeyassistant.support.Api.JSON.readTree(upload.lines().filter(l -> l.startsWith("{"))
                .findFirst().orElseThrow()).path("custom_id").asString();
        model.stubFor(get(urlEqualTo("/v1/files/file-out/content"))
                .willReturn(aResponse().withBody(answered(first, emailVariants(1, null)) + "\n")));
        model.stubFor(get(urlEqualTo("/v1/batches/batch_1")).willReturn(json(providerBatch("expired", "file-out", null))));

        JsonNode done = awaitStatus(batch, "COMPLETED");
        assertThat(done.path("done").asInt()).isEqualTo(1);
        assertThat(done.path("failed").asInt()).isEqualTo(1);
        assertThat(ws.viewer().get(ws.path("/batches/" + batch + "/cells?status=FAILED")).json().get(0).path("reason")
                .asString()).contains("ended (expired) before this cell was answered").contains("retry");
        model.verify(0, postRequestedFor(urlEqualTo(PATH)));
    }

    private static String providerBatch(String status, String output, String errors) {
        Map<String, Object> batch = new java.util.LinkedHashMap<>();
        batch.put("id", "batch_1");
        batch.put("object", "batch");
        batch.put("status", status);
        batch.put("output_file_id", output);
        batch.put("error_file_id", errors);
        batch.put("request_counts", Map.of("total", 4, "completed", 0, "failed", 0));
        return FakeChatModel.json(batch);
    }

    /** One line of a batch's output file: a chat completion for the request {@code customId}. */
    private static String answered(String customId, String content) {
        return FakeChatModel.json(Map.of("custom_id", customId, "response", Map.of("status_code", 200,
                "body", com.journeyassistant.support.Api.JSON.readTree(FakeChatModel.completion(content, 900, 150)))));
    }

    private static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    // ------------------------------------------------------------------ helpers

    private Response exportOf(String batch, String format, String include, String delimiter) {
        return ws.viewer().get(ws.path("/batches/" + batch + "/export?format=" + format + "&include=" + include
                + "&delimiter=" + delimiter));
    }

    /** Every done cell has exactly its variants, tagged with it; no cell's were stored twice. */
    private void assertThatEachDoneCellHasItsVariantsOnce(String batch, int variantsPerCell) {
        List<Integer> perCell = jdbc.sql("""
                select count(s.id) from batch_cell c left join suggestion s on s.batch_cell_id = c.id
                where c.run_id = ? and c.status = 'DONE' group by c.id""").param(UUID.fromString(batch))
                .query(Integer.class).list();
        assertThat(perCell).isNotEmpty().containsOnly(variantsPerCell);
        assertThat(jdbc.sql("""
                select count(*) from suggestion s join batch_cell c on c.id = s.batch_cell_id
                where c.run_id = ? and c.status <> 'DONE'""").param(UUID.fromString(batch)).query(Integer.class)
                .single()).as("no variants on a cell that is not done").isZero();
    }

    private JsonNode progress(String batch) {
        return ws.viewer().get(ws.path("/batches/" + batch)).json();
    }

    private JsonNode awaitStatus(String batch, String status) {
        return Awaitility.await("batch " + status).atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(100))
                .until(() -> progress(batch), p -> p.path("status").asString().equals(status));
    }

    private String touchpoint(JsonNode stage, String name, String channel) {
        return ws.editor().post(ws.path("/journeys/" + journeyId + "/touchpoints"), object("stageId",
                stage.path("id").asString(), "name", name, "channel", channel)).json().path("id").asString();
    }

    /** Answers each request with as many valid variants as it asks for, in the channel's fields. */
    private static void answerEveryChannel() {
        for (int count = 1; count <= 3; count++) {
            String asked = "Write " + count + " variant";
            model.stubFor(post(urlEqualTo(PATH)).withRequestBody(containing("search ad"))
                    .withRequestBody(containing(asked)).willReturn(ok(searchAdVariants(count))));
            model.stubFor(post(urlEqualTo(PATH)).withRequestBody(containing("subject (at most"))
                    .withRequestBody(containing(asked)).willReturn(ok(emailVariants(count, null))));
        }
    }

    private static ResponseDefinitionBuilder ok(String content) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(FakeChatModel.completion(content, 900, 150));
    }

    private static final List<String> ANGLES = List.of("Zekerheid", "Snelheid", "Service", "Gemak", "Rust");

    static String emailVariants(int count, String subject) {
        List<Object> variants = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            variants.add(Map.of("angle", ANGLES.get(i), "fields", Map.of(
                    "subject", subject != null ? subject : "=Je bestelling is binnen " + (i + 1),
                    "preheader", "Je betaling is gelukt en we laten je weten wanneer de bezorger komt.",
                    "body", "Veel klanten vroegen zich af of hun bestelling gelukt was. Daarom bevestigen we nu meteen"
                            + " dat je bestelling binnen is en wat er daarna gebeurt.",
                    "cta", "Bekijk je bestelling"), "citations", List.of("F1")));
        }
        return FakeChatModel.json(Map.of("variants", variants));
    }

    static String searchAdVariants(int count) {
        List<Object> variants = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            variants.add(Map.of("angle", ANGLES.get(i), "fields", Map.of(
                    "headline", "Bestelling zeker binnen " + (i + 1),
                    "description", "Je ziet meteen of je bestelling gelukt is en wanneer de bezorger komt."),
                    "citations", List.of("F1")));
        }
        return FakeChatModel.json(Map.of("variants", variants));
    }
}
