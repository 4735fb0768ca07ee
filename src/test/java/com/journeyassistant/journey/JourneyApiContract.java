package com.journeyassistant.journey;

import static com.journeyassistant.support.Api.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.journeyassistant.platform.AdminCommand;
import com.journeyassistant.support.Api;
import com.journeyassistant.support.ApiTest;
import com.journeyassistant.support.Api.Response;
import com.journeyassistant.support.TestWorkspace;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The behaviour of the journey-map API, the same on every storage back end: each subclass
 * points the application at one database and runs every test here against it over real HTTP.
 */
abstract class JourneyApiContract extends ApiTest {

    // ---------------------------------------------------------------- journeys and stage models

    @Test
    void withoutAModelABatchIsPreviewedButStartingOneSaysHowToConfigureAModel() {
        String journeyId = ws.editor().post(ws.path("/journeys"), object("name", "Zonder model", "language", "nl"))
                .json().path("id").asString();
        String stageId = ws.viewer().get(ws.path("/journeys/" + journeyId + "/stages")).json().get(0).path("id")
                .asString();
        ws.editor().post(ws.path("/journeys/" + journeyId + "/touchpoints"), object("stageId", stageId,
                "name", "Nieuwsbrief", "channel", "EMAIL"));

        Response preview = ws.editor().post(ws.path("/journeys/" + journeyId + "/batches/preview"), object());
        assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
        assertThat(preview.json().path("cells").asInt()).isEqualTo(1);
        assertThat(preview.json().path("blockedCells").get(0).path("blocked").asString()).contains("no evidence");

        Response run = ws.editor().post(ws.path("/journeys/" + journeyId + "/batches"), object());
        assertThat(run.status()).isEqualTo(503);
        assertThat(run.json().path("title").asString()).isEqualTo("No language model configured");
        assertThat(run.json().path("detail").asString()).contains("JOURNEY_LLM_MODEL");
        assertThat(ws.viewer().get(ws.path("/journeys/" + journeyId + "/batches")).json()).as("nothing started")
                .isEmpty();
    }

    @Test
    void presetStageModelsCreateTheirStagesInOrderAndInTheJourneyLanguage() {
        JsonNode fiveStage = created(ws.editor().post(ws.path("/journeys"), object("name", "Webshop", "language", "en")));
        assertThat(fiveStage.path("stageModel").asString()).isEqualTo("FIVE_STAGE");
        assertThat(names(stages(fiveStage))).containsExactly(
                "Awareness", "Consideration", "Purchase", "Service & retention", "Loyalty & advocacy");

        JsonNode dutch = created(ws.editor().post(ws.path("/journeys"), object("name", "Winkel", "language", "nl")));
        assertThat(names(stages(dutch))).containsExactly(
                "Bewustwording", "Overweging", "Aankoop", "Service & behoud", "Loyaliteit & ambassadeurschap");

        JsonNode stdc = created(ws.editor().post(ws.path("/journeys"), object("name", "STDC", "stageModel", "STDC")));
        assertThat(names(stages(stdc))).containsExactly("See", "Think", "Do", "Care");

        JsonNode pirate = created(ws.editor().post(ws.path("/journeys"), object("name", "Funnel", "stageModel", "AAARRR")));
        assertThat(stages(pirate)).extracting(s -> s.path("key").asString())
                .containsExactly("awareness", "acquisition", "activation", "retention", "revenue", "referral");
    }

    @Test
    void customStageModelTakesTheGivenStagesAndPresetsRefuseThem() {
        JsonNode custom = created(ws.editor().post(ws.path("/journeys"),
                object("name", "B2B", "stageModel", "CUSTOM", "customStages", List.of("Lead", "Demo", "Contract"))));
        assertThat(names(stages(custom))).containsExactly("Lead", "Demo", "Contract");

        Response missing = ws.editor().post(ws.path("/journeys"), object("name", "B2B", "stageModel", "CUSTOM"));
        assertProblem(missing, 400, "customStages");
        assertProblem(ws.editor().post(ws.path("/journeys"), object("name", "B2B", "stageModel", "CUSTOM",
                "customStages", List.of())), 400, "customStages");
        Response mixed = ws.editor().post(ws.path("/journeys"),
                object("name", "B2B", "stageModel", "STDC", "customStages", List.of("x")));
        assertProblem(mixed, 400, "customStages");
        JsonNode emptyList = created(ws.editor().post(ws.path("/journeys"),
                object("name", "B2C", "stageModel", "STDC", "customStages", List.of())));
        assertThat(stages(emptyList)).as("an empty list is no list, as a generated client sends it").hasSize(4);
    }

    @Test
    void newJourneysTakeTheBrandProfileLanguageByDefault() {
        JsonNode profile = ws.admin().get(ws.path("/brand-profile")).json();
        assertThat(profile.path("version").asLong()).isZero();
        Response saved = ws.admin().put(ws.path("/brand-profile"), object("tone", "Nuchter", "defaultLanguage", "nl",
                "wordsToAvoid", List.of("goedkoop"), "mandatoryPhrases", List.of("Let op! Geld lenen kost geld."),
                "version", 0));
        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.json().path("version").asLong()).isEqualTo(1);
        assertThat(saved.header("ETag")).isEqualTo("\"1\"");

        JsonNode journey = created(ws.editor().post(ws.path("/journeys"), object("name", "Zonder taal")));
        assertThat(journey.path("language").asString()).isEqualTo("nl");
    }

    // ---------------------------------------------------------------- CRUD of every map item

    @Test
    void everyMapItemCanBeCreatedReadUpdatedAndDeleted() {
        JsonNode journey = created(ws.editor().post(ws.path("/journeys"), object("name", "Webshop")));
        String journeyPath = "/journeys/" + journey.path("id").asString();
        String stageId = stages(journey).get(1).path("id").asString();

        JsonNode touchpoint = created(ws.editor().post(ws.path(journeyPath + "/touchpoints"), object(
                "stageId", stageId, "name", "Product page", "channel", "WEBSITE", "owner", "E-commerce",
                "idealMessage", "All you need to decide", "assetLinks", List.of("https://shop.example/p/1"))));
        assertThat(touchpoint.path("direct").asBoolean()).isTrue();
        assertThat(touchpoint.path("stageId").asString()).isEqualTo(stageId);

        JsonNode persona = created(ws.editor().post(ws.path(journeyPath + "/personas"), object(
                "name", "Sanne", "goals", List.of("Arrive fresh"), "channels", List.of("Instagram"))));
        JsonNode insight = created(ws.editor().post(ws.path(journeyPath + "/insights"), object(
                "title", "Range doubts", "text", "Commuters doubt winter range",
                "touchpointIds", List.of(touchpoint.path("id").asString()))));
        assertThat(insight.path("touchpointIds").get(0).asString()).isEqualTo(touchpoint.path("id").asString());
        JsonNode opportunity = created(ws.editor().post(ws.path(journeyPath + "/opportunities"), object(
                "title", "Explain range", "priority", "HIGH",
                "touchpointIds", List.of(touchpoint.path("id").asString()),
                "insightIds", List.of(insight.path("id").asString()))));
        String opportunityPath = "/opportunities/" + opportunity.path("id").asString();
        JsonNode solution = created(ws.editor().post(ws.path(opportunityPath + "/solutions"), object(
                "title", "Range calculator")));
        assertThat(solution.path("status").asString()).isEqualTo("IDEA");

        assertThat(ws.viewer().get(ws.path(journeyPath + "/touchpoints")).json()).hasSize(1);
        assertThat(ws.viewer().get(ws.path(journeyPath + "/personas")).json()).hasSize(1);
        assertThat(ws.viewer().get(ws.path(journeyPath + "/insights")).json().get(0).path("touchpointIds")).hasSize(1);
        assertThat(ws.viewer().get(ws.path(journeyPath + "/opportunities")).json().get(0).path("insightIds")).hasSize(1);
        assertThat(ws.viewer().get(ws.path(opportunityPath + "/solutions")).json()).hasSize(1);

        Response updated = ws.editor().put(ws.path("/opportunities/" + opportunity.path("id").asString()), object(
                "title", "Explain range per season", "priority", "LOW", "touchpointIds", List.of(), "version", 1));
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().path("version").asLong()).isEqualTo(2);
        assertThat(updated.json().path("priority").asString()).isEqualTo("LOW");
        assertThat(updated.json().path("touchpointIds")).isEmpty();
        assertThat(updated.json().path("insightIds")).isEmpty();

        Response updatedSolution = ws.editor().put(ws.path("/solutions/" + solution.path("id").asString()),
                object("title", "Range calculator", "status", "PLANNED", "version", 1));
        assertThat(updatedSolution.json().path("status").asString()).isEqualTo("PLANNED");

        for (String item : List.of("/solutions/" + solution.path("id").asString(),
                "/opportunities/" + opportunity.path("id").asString(), "/insights/" + insight.path("id").asString(),
                "/personas/" + persona.path("id").asString(), "/touchpoints/" + touchpoint.path("id").asString())) {
            assertThat(ws.editor().delete(ws.path(item)).status()).as(item).isEqualTo(204);
            assertProblem(ws.viewer().get(ws.path(item)), 404, null);
            assertProblem(ws.editor().delete(ws.path(item)), 404, null);
        }
    }

    @Test
    void aReadItemCanBeSentBackAsAnUpdate() {
        JsonNode journey = created(ws.editor().post(ws.path("/journeys"), object("name", "Webshop")));
        JsonNode stage = stages(journey).get(0);
        ObjectNode edited = (ObjectNode) stage.deepCopy();
        edited.put("name", "Orientation");
        edited.set("pains", Api.JSON.valueToTree(List.of("Too many models")));

        Response response = ws.editor().put(ws.path("/stages/" + stage.path("id").asString()), edited);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().path("name").asString()).isEqualTo("Orientation");
        assertThat(response.json().path("pains").get(0).asString()).isEqualTo("Too many models");
        assertThat(response.json().path("key").asString()).isEqualTo("awareness");
    }

    @Test
    void deletingAJourneyRemovesItsWholeMapButAStageWithTouchpointsIsKept() {
        JsonNode journey = created(ws.editor().post(ws.path("/journeys"), object("name", "Webshop")));
        String stageId = stages(journey).get(0).path("id").asString();
        JsonNode touchpoint = created(ws.editor().post(ws.path("/journeys/" + journey.path("id").asString() + "/touchpoints"),
                object("stageId", stageId, "name", "Ad", "channel", "SEARCH_AD")));

        assertProblem(ws.editor().delete(ws.path("/stages/" + stageId)), 409, null);
        assertThat(ws.viewer().get(ws.path("/stages/" + stageId)).status()).isEqualTo(200);

        assertThat(ws.editor().delete(ws.path("/journeys/" + journey.path("id").asString())).status()).isEqualTo(204);
        assertProblem(ws.viewer().get(ws.path("/touchpoints/" + touchpoint.path("id").asString())), 404, null);
        assertProblem(ws.viewer().get(ws.path("/stages/" + stageId)), 404, null);
    }

    // ---------------------------------------------------------------- optimistic locking

    @Test
    void aStaleUpdateIsRefusedWith409AndOverwritesNothing() {
        JsonNode journey = created(ws.editor().post(ws.path("/journeys"), object("name", "Original")));
        String path = ws.path("/journeys/" + journey.path("id").asString());

        Response first = ws.editor().put(path, object("name", "First edit", "language", "en", "version", 1));
        Response second = ws.editor().put(path, object("name", "Second edit", "language", "en", "version", 1));

        assertThat(first.status()).isEqualTo(200);
        assertProblem(second, 409, "version");
        JsonNode stored = ws.viewer().get(path).json();
        assertThat(stored.path("name").asString()).isEqualTo("First edit");
        assertThat(stored.path("version").asLong()).isEqualTo(2);
    }

    @Test
    void ifMatchCarriesTheVersionAndAnUpdateWithoutAnyVersionIsRefused() {
        JsonNode journey = created(ws.editor().post(ws.path("/journeys"), object("name", "Original")));
        String path = ws.path("/journeys/" + journey.path("id").asString());
        String etag = ws.viewer().get(path).header("ETag");
        assertThat(etag).isEqualTo("\"1\"");

        Response withEtag = ws.editor().put(path, object("name", "Edited", "language", "en"), Map.of("If-Match", etag));
        assertThat(withEtag.status()).isEqualTo(200);
        assertThat(withEtag.header("ETag")).isEqualTo("\"2\"");
        assertProblem(ws.editor().put(path, object("name", "Again", "language", "en"), Map.of("If-Match", etag)), 409, "version");

        Response blind = ws.editor().put(path, object("name", "Blind", "language", "en"));
        assertProblem(blind, 428, "version");
        assertThat(ws.viewer().get(path).json().path("name").asString()).isEqualTo("Edited");
    }

    @Test
    void aMergePatchChangesOnlyTheFieldsItSendsUnderTheSameVersionChecks() {
        JsonNode journey = created(ws.editor().post(ws.path("/journeys"), object("name", "Webshop",
                "description", "Online")));
        String stageId = stages(journey).get(0).path("id").asString();
        JsonNode touchpoint = created(ws.editor().post(ws.path("/journeys/" + journey.path("id").asString()
                + "/touchpoints"), object("stageId", stageId, "name", "Zoekadvertentie", "channel", "SEARCH_AD",
                "owner", "Marketing", "idealMessage", "Snel geleverd", "assetLinks", List.of("https://example.nl/a"))));
        String path = ws.path("/touchpoints/" + touchpoint.path("id").asString());

        Response renamed = ws.editor().mergePatch(path, object("name", "Zoekadvertentie merk", "version", 1), Map.of());
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(renamed.header("ETag")).isEqualTo("\"2\"");
        JsonNode stored = ws.viewer().get(path).json();
        assertThat(stored.path("name").asString()).isEqualTo("Zoekadvertentie merk");
        assertThat(stored.path("idealMessage").asString()).as("left out, so kept").isEqualTo("Snel geleverd");
        assertThat(stored.path("assetLinks").get(0).asString()).isEqualTo("https://example.nl/a");
        assertThat(stored.path("owner").asString()).isEqualTo("Marketing");

        Response cleared = ws.editor().mergePatch(path, object("owner", null), Map.of("If-Match", "\"2\""));
        assertThat(cleared.status()).as(cleared.toString()).isEqualTo(200);
        assertThat(ws.viewer().get(path).json().path("owner").isMissingNode()
                || ws.viewer().get(path).json().path("owner").isNull()).as("null clears a field").isTrue();

        assertProblem(ws.editor().mergePatch(path, object("name", "Te laat", "version", 1), Map.of()), 409, "version");
        assertProblem(ws.editor().mergePatch(path, object("name", "Blind"), Map.of()), 428, "version");
        assertProblem(ws.editor().mergePatch(path, object("name", " ", "version", 3), Map.of()), 400, "name");
        assertProblem(ws.editor().mergePatch(path, object("assetLinks", List.of("javascript:alert(1)"), "version", 3),
                Map.of()), 400, "assetLinks[0]");
        assertProblem(ws.editor().mergePatch(path, object("direct", "sometimes", "version", 3), Map.of()), 400,
                "direct");
        assertProblem(ws.editor().mergePatch(path, object("colour", "blue", "version", 3), Map.of()), 400, "colour");
        assertProblem(ws.editor().mergePatch(path, List.of("not", "an", "object"), Map.of()), 400, "body");
        assertProblem(ws.editor().patch(path, object("name", "As plain JSON", "version", 3)), 415, null);
        JsonNode unchanged = ws.viewer().get(path).json();
        assertThat(unchanged.path("name").asString()).isEqualTo("Zoekadvertentie merk");
        assertThat(unchanged.path("version").asLong()).isEqualTo(3);

        String journeyPath = ws.path("/journeys/" + journey.path("id").asString());
        Response described = ws.editor().mergePatch(journeyPath, object("description", "Webwinkel", "version", 1),
                Map.of());
        assertThat(described.status()).as(described.toString()).isEqualTo(200);
        assertThat(described.json().path("name").asString()).isEqualTo("Webshop");
        assertThat(described.json().path("description").asString()).isEqualTo("Webwinkel");
    }

    @Test
    void everyMapItemTakesAMergePatch() {
        JsonNode journey = created(ws.editor().post(ws.path("/journeys"), object("name", "Webshop")));
        String journeyPath = "/journeys/" + journey.path("id").asString();
        JsonNode opportunity = created(ws.editor().post(ws.path(journeyPath + "/opportunities"),
                object("title", "Sneller leveren", "description", "Bezorging")));
        Map<String, JsonNode> items = new java.util.LinkedHashMap<>();
        items.put("/stages/", stages(journey).get(0));
        items.put("/personas/", created(ws.editor().post(ws.path(journeyPath + "/personas"),
                object("name", "Sanne", "description", "Drukke ouder"))));
        items.put("/insights/", created(ws.editor().post(ws.path(journeyPath + "/insights"),
                object("title", "Twijfel", "text", "Klanten twijfelen over de levertijd"))));
        items.put("/opportunities/", opportunity);
        items.put("/solutions/", created(ws.editor().post(ws.path("/opportunities/" + opportunity.path("id").asString()
                + "/solutions"), object("title", "Levertijd tonen", "description", "Op de productpagina"))));
        items.forEach((collection, item) -> {
            String path = ws.path(collection + item.path("id").asString());
            String field = item.has("title") ? "title" : "name";
            String before = item.path("description").isString() ? item.path("description").asString() : null;
            Response patched = ws.editor().mergePatch(path, object(field, "Nieuw", "version",
                    item.path("version").asLong()), Map.of());
            assertThat(patched.status()).as(collection + " " + patched).isEqualTo(200);
            JsonNode stored = ws.viewer().get(path).json();
            assertThat(stored.path(field).asString()).as(collection).isEqualTo("Nieuw");
            if (before != null) {
                assertThat(stored.path("description").asString()).as(collection + " description kept").isEqualTo(before);
            }
        });
    }

    // ---------------------------------------------------------------- bad input writes nothing

    @Test
    void malformedJsonIsA400AndWritesNothing() {
        int before = journeyCount();
        Response response = ws.editor().postRaw(ws.path("/journeys"), "{\"name\": \"Half", "application/json");
        assertProblem(response, 400, null);
        assertThat(response.json().path("title").asString()).isEqualTo("Malformed JSON");
        assertThat(journeyCount()).isEqualTo(before);
    }

    @Test
    void wrongShapesMethodsMediaTypesAndPathsAreProblemsToo() {
        Response array = ws.editor().postRaw(ws.path("/journeys"), "[]", "application/json");
        assertProblem(array, 400, "body");
        assertThat(array.json().path("errors").get(0).path("message").asString()).isEqualTo("must be a JSON object");
        assertProblem(ws.editor().postRaw(ws.path("/journeys"), "", "application/json"), 400, null);
        assertProblem(ws.editor().postRaw(ws.path("/journeys"), "name=X", "text/plain"), 415, null);
        assertProblem(ws.editor().delete(ws.path("/journeys")), 405, null);
        assertProblem(ws.viewer().get(ws.path("/no-such-collection")), 404, null);
        assertThat(journeyCount()).isZero();
    }

    @Test
    void wrongTypesUnknownEnumValuesAndUnknownFieldsNameTheField() {
        int before = journeyCount();
        Response unknownEnum = ws.editor().post(ws.path("/journeys"), object("name", "X", "stageModel", "SIX_STAGE"));
        assertProblem(unknownEnum, 400, "stageModel");
        assertThat(unknownEnum.json().path("errors").get(0).path("message").asString()).contains("FIVE_STAGE", "AAARRR");

        Response unknownLanguage = ws.editor().post(ws.path("/journeys"), object("name", "X", "language", "de"));
        assertProblem(unknownLanguage, 400, "language");

        Response typo = ws.editor().post(ws.path("/journeys"), object("name", "X", "stagemodel", "STDC"));
        assertProblem(typo, 400, "stagemodel");

        JsonNode journey = created(ws.editor().post(ws.path("/journeys"), object("name", "Webshop")));
        String stageId = stages(journey).get(0).path("id").asString();
        Response wrongType = ws.editor().post(ws.path("/journeys/" + journey.path("id").asString() + "/touchpoints"),
                object("stageId", stageId, "name", "Ad", "channel", "SEARCH_AD", "direct", "sometimes"));
        assertProblem(wrongType, 400, "direct");
        Response wrongNestedType = ws.editor().post(ws.path("/journeys/" + journey.path("id").asString() + "/touchpoints"),
                object("stageId", "not-a-uuid", "name", "Ad", "channel", "SEARCH_AD"));
        assertProblem(wrongNestedType, 400, "stageId");
        assertThat(journeyCount()).isEqualTo(before + 1);
        assertThat(ws.viewer().get(ws.path("/journeys/" + journey.path("id").asString() + "/touchpoints")).json()).isEmpty();
    }

    @Test
    void jsonValuesAreTakenAsTheTypeTheyAreAndTextMustBeUnicode() {
        int before = journeyCount();
        assertProblem(ws.editor().post(ws.path("/journeys"), object("name", 123)), 400, "name");
        assertProblem(ws.editor().post(ws.path("/journeys"), object("name", true)), 400, "name");
        assertProblem(ws.editor().post(ws.path("/journeys"), object("name", "X", "customStages", List.of("A", 7),
                "stageModel", "CUSTOM")), 400, "customStages[1]");
        Response loneSurrogate = ws.editor().postRaw(ws.path("/journeys"),
                "{\"name\":\"Webshop\",\"description\":\"ok \\ud800 then\"}", "application/json");
        assertProblem(loneSurrogate, 400, "description");
        assertThat(loneSurrogate.json().path("errors").get(0).path("message").asString()).contains("Unicode");
        Response nul = ws.editor().postRaw(ws.path("/journeys"), "{\"name\":\"Web\\u0000shop\"}",
                "application/json");
        assertProblem(nul, 400, "name");
        assertThat(nul.json().path("errors").get(0).path("message").asString()).contains("NUL");
        assertThat(journeyCount()).isEqualTo(before);

        JsonNode journey = created(ws.editor().post(ws.path("/journeys"), object("name", "Webshop")));
        String touchpoints = ws.path("/journeys/" + journey.path("id").asString() + "/touchpoints");
        assertProblem(ws.editor().post(touchpoints, object("stageId", stages(journey).get(0).path("id").asString(),
                "name", "Ad", "channel", "SEARCH_AD", "position", "2")), 400, "position");
        assertProblem(ws.editor().post(touchpoints, object("stageId", stages(journey).get(0).path("id").asString(),
                "name", "Ad", "channel", "SEARCH_AD", "position", 1.5)), 400, "position");
        assertThat(ws.viewer().get(touchpoints).json()).isEmpty();
    }

    @Test
    void aNegativeVersionIsABadRequestNotAConflict() {
        JsonNode journey = created(ws.editor().post(ws.path("/journeys"), object("name", "Webshop")));
        String path = ws.path("/journeys/" + journey.path("id").asString());
        assertProblem(ws.editor().put(path, object("name", "Edited", "language", "en", "version", -1)), 400, "version");
        assertProblem(ws.editor().put(path, object("name", "Edited", "language", "en"), Map.of("If-Match", "\"-1\"")),
                400, "If-Match");
        assertThat(ws.viewer().get(path).json().path("name").asString()).isEqualTo("Webshop");
    }

    @Test
    void requestsTheServletContainerRefusesAreProblemsToo() {
        Response longQuery = ws.viewer().get(ws.path("/journeys?q=" + "a".repeat(20_000)));
        assertProblem(longQuery, 400, null);
        assertProblem(ws.viewer().get(ws.path("/journeys/a%2Fb")), 400, null);
        assertProblem(ws.viewer().get(ws.path("/journeys/../journeys")), 400, null);
        assertProblem(ws.viewer().get(ws.path("/journeys"), Map.of("X-Padding", "p".repeat(20_000))), 400, null);
        assertThat(longQuery.raw()).doesNotContain("<html", "aaaa");

        Response page = ws.viewer().get(ws.path("/journeys/a%2Fb"), Map.of("Accept", "text/html",
                "Cookie", "journey-lang=nl"));
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.raw()).as("a browser's page, in its language").contains("Deze pagina kan niet getoond worden",
                "href=\"/journeys\"").doesNotContain("Tomcat");
        Response unreadable = ws.viewer().get(ws.path("/journeys"), Map.of("Accept", "text/html",
                "Cookie", "journey-lang=nl; padding=" + "p".repeat(20_000)));
        assertThat(unreadable.status()).as("headers too large to read").isEqualTo(400);
        assertThat(unreadable.raw()).containsAnyOf("This page cannot be shown", "Deze pagina kan niet getoond worden");
    }

    @Test
    void missingAndInvalidFieldsAreAllListedWithTheirPaths() {
        JsonNode journey = created(ws.editor().post(ws.path("/journeys"), object("name", "Webshop")));
        String touchpoints = ws.path("/journeys/" + journey.path("id").asString() + "/touchpoints");

        Response missing = ws.editor().post(touchpoints, object("owner", "Marketing"));
        assertProblem(missing, 400, null);
        assertThat(missing.problemFields().split(",")).containsExactlyInAnyOrder("stageId", "name", "channel");

        Response nested = ws.editor().post(ws.path("/journeys/" + journey.path("id").asString() + "/personas"),
                object("name", "Sanne", "goals", List.of("fine", " ")));
        assertProblem(nested, 400, "goals[1]");

        Response badLink = ws.editor().post(touchpoints, object("stageId", stages(journey).get(0).path("id").asString(),
                "name", "Ad", "channel", "SEARCH_AD", "assetLinks", List.of("javascript:alert(1)")));
        assertProblem(badLink, 400, "assetLinks[0]");
        assertThat(ws.viewer().get(touchpoints).json()).isEmpty();
    }

    @Test
    void unknownIdsAreClear4xxAndWriteNothing() {
        JsonNode journey = created(ws.editor().post(ws.path("/journeys"), object("name", "Webshop")));
        JsonNode other = created(ws.editor().post(ws.path("/journeys"), object("name", "Other")));
        String journeyPath = "/journeys/" + journey.path("id").asString();
        UUID unknown = UUID.randomUUID();

        assertProblem(ws.viewer().get(ws.path("/journeys/" + unknown)), 404, null);
        assertProblem(ws.viewer().get(ws.path("/journeys/" + unknown + "/touchpoints")), 404, null);
        assertProblem(ws.editor().put(ws.path("/touchpoints/" + unknown),
                object("stageId", unknown, "name", "Ad", "channel", "SEARCH_AD", "version", 1)), 404, null);
        assertProblem(ws.viewer().get(ws.path("/journeys/not-a-uuid")), 400, "id");

        String stageOfOtherJourney = stages(other).get(0).path("id").asString();
        assertProblem(ws.editor().post(ws.path(journeyPath + "/touchpoints"),
                object("stageId", stageOfOtherJourney, "name", "Ad", "channel", "SEARCH_AD")), 400, "stageId");
        Response insight = ws.editor().post(ws.path(journeyPath + "/insights"),
                object("title", "T", "text", "x", "touchpointIds", List.of(unknown)));
        assertProblem(insight, 400, "touchpointIds[0]");
        assertThat(ws.viewer().get(ws.path(journeyPath + "/touchpoints")).json()).isEmpty();
        assertThat(ws.viewer().get(ws.path(journeyPath + "/insights")).json()).isEmpty();
    }

    @Test
    void oversizedBodiesAreRefusedWith413WhetherOrNotTheyAnnounceTheirLength() {
        int before = journeyCount();
        String huge = "x".repeat(300 * 1024);
        Response announced = ws.editor().post(ws.path("/journeys"), object("name", "Big", "description", huge));
        assertProblem(announced, 413, null);
        assertThat(announced.json().path("detail").asString()).contains("256 KB", "journey.api.max-request-size");

        byte[] chunked = Api.JSON.writeValueAsBytes(object("name", "Big", "description", huge));
        assertProblem(ws.editor().postChunked(ws.path("/journeys"), chunked), 413, null);
        assertThat(journeyCount()).isEqualTo(before);
    }

    @Test
    void errorResponsesAndLogsNeverRepeatCustomerText(CapturedOutput output) {
        String secret = "Mijn-klantverhaal-" + UUID.randomUUID();
        ws.editor().postRaw(ws.path("/journeys"), "{\"name\": \"" + secret + "\", " + secret, "application/json");
        Response unknownField = ws.editor().post(ws.path("/journeys"), object("name", "X", secret, secret));
        Response wrongType = ws.editor().post(ws.path("/journeys"), object("name", "X", "language", secret));

        assertThat(wrongType.raw()).doesNotContain(secret);
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(output.getAll()).doesNotContain(secret);
    }

    // ---------------------------------------------------------------- keys, roles and workspaces

    @Test
    void missingUnknownAndRevokedKeysGet401() {
        Api anonymous = ws.admin().withKey(null);
        Response none = anonymous.get(ws.path("/journeys"));
        assertProblem(none, 401, null);
        assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");
        assertProblem(anonymous.withKey("ja_not-a-real-key").get(ws.path("/journeys")), 401, null);

        JsonNode issued = ws.admin().post(ws.path("/api-keys"), object("name", "temp", "role", "VIEWER")).json();
        Api temp = ws.admin().withKey(issued.path("secret").asString());
        assertThat(temp.get(ws.path("/journeys")).status()).isEqualTo(200);
        assertThat(ws.admin().delete(ws.path("/api-keys/" + issued.path("key").path("id").asString())).status()).isEqualTo(204);
        assertProblem(temp.get(ws.path("/journeys")), 401, null);
    }

    @Test
    void rolesLimitWhatAKeyMayDo() {
        assertThat(ws.viewer().get(ws.path("/journeys")).status()).isEqualTo(200);
        assertThat(ws.viewer().get(ws.path("/brand-profile")).status()).isEqualTo(200);
        assertProblem(ws.viewer().post(ws.path("/journeys"), object("name", "X")), 403, null);

        assertThat(ws.editor().post(ws.path("/journeys"), object("name", "X")).status()).isEqualTo(201);
        assertProblem(ws.editor().put(ws.path("/brand-profile"), object("tone", "x", "defaultLanguage", "en", "version", 0)), 403, null);
        assertProblem(ws.editor().get(ws.path("/api-keys")), 403, null);
        assertProblem(ws.editor().post(ws.path("/api-keys"), object("name", "x", "role", "ADMIN")), 403, null);

        assertThat(ws.admin().get(ws.path("/api-keys")).status()).isEqualTo(200);
        assertThat(ws.admin().post(ws.path("/journeys"), object("name", "Y")).status()).isEqualTo(201);
        assertThat(journeyCount()).isEqualTo(2);
    }

    @Test
    void keysAreShownOnceStoredHashedAndTheLastAdminKeyStays() {
        Response issued = ws.admin().post(ws.path("/api-keys"), object("name", "CI export", "role", "EDITOR"));
        assertThat(issued.status()).isEqualTo(201);
        String secret = issued.json().path("secret").asString();
        assertThat(secret).startsWith("ja_").hasSizeGreaterThan(40);

        String listing = ws.admin().get(ws.path("/api-keys")).raw();
        assertThat(listing).contains("CI export").doesNotContain(secret);
        List<String> stored = jdbc.sql("select key_hash from api_key where workspace_id = ?").param(ws.id())
                .query(String.class).list();
        assertThat(stored).hasSize(4).noneMatch(hash -> hash.contains(secret) || secret.contains(hash));

        String adminKeyId = jdbc.sql("select id from api_key where workspace_id = ? and role = 'ADMIN'")
                .param(ws.id()).query(String.class).single();
        assertProblem(ws.admin().delete(ws.path("/api-keys/" + adminKeyId)), 409, null);
        assertThat(ws.admin().get(ws.path("/api-keys")).status()).isEqualTo(200);
    }

    @Test
    void aKeyNeverReachesAnotherWorkspace() {
        TestWorkspace other = TestWorkspace.create(workspaces, port);
        JsonNode theirs = created(other.editor().post(other.path("/journeys"), object("name", "Secret plans")));
        String theirJourney = theirs.path("id").asString();
        String theirStage = stages(theirs, other).get(0).path("id").asString();

        assertProblem(ws.admin().get(other.path("/journeys")), 404, null);
        assertProblem(ws.admin().get(other.path("/journeys/" + theirJourney)), 404, null);
        assertProblem(ws.admin().get("/api/workspaces/does-not-exist/journeys"), 404, null);

        assertProblem(ws.admin().get(ws.path("/journeys/" + theirJourney)), 404, null);
        assertProblem(ws.admin().get(ws.path("/stages/" + theirStage)), 404, null);
        assertProblem(ws.admin().put(ws.path("/journeys/" + theirJourney),
                object("name", "Hijacked", "language", "en", "version", 1)), 404, null);
        assertProblem(ws.admin().delete(ws.path("/journeys/" + theirJourney)), 404, null);
        assertProblem(ws.admin().post(ws.path("/journeys/" + theirJourney + "/personas"), object("name", "Spy")), 404, null);
        assertThat(ws.admin().get(ws.path("/journeys")).json()).isEmpty();

        JsonNode mine = created(ws.editor().post(ws.path("/journeys"), object("name", "Mine")));
        assertProblem(ws.editor().post(ws.path("/journeys/" + mine.path("id").asString() + "/touchpoints"),
                object("stageId", theirStage, "name", "Ad", "channel", "SEARCH_AD")), 400, "stageId");

        JsonNode after = other.viewer().get(other.path("/journeys/" + theirJourney)).json();
        assertThat(after.path("name").asString()).isEqualTo("Secret plans");
        assertThat(after.path("version").asLong()).isEqualTo(1);
        assertThat(other.viewer().get(other.path("/journeys/" + theirJourney + "/personas")).json()).isEmpty();
    }

    @Test
    void theAdminCommandCreatesAWorkspaceWhoseKeyWorks() {
        String slug = "cmd-" + UUID.randomUUID().toString().substring(0, 8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = AdminCommand.execute(workspaces, new String[] {"workspace", "create", slug, "Fietsen BV"},
                new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(exit).isZero();
        String printed = out.toString(StandardCharsets.UTF_8);
        String key = printed.substring(printed.indexOf("ja_")).strip();
        Api api = new Api(port, key);
        assertThat(api.post("/api/workspaces/" + slug + "/journeys", object("name", "Eerste reis")).status()).isEqualTo(201);
        assertThat(api.get("/api/workspaces/" + slug + "/api-keys").status()).isEqualTo(200);

        ByteArrayOutputStream again = new ByteArrayOutputStream();
        int duplicate = AdminCommand.execute(workspaces, new String[] {"workspace", "create", slug, "Dubbel"},
                new PrintStream(again, true, StandardCharsets.UTF_8));
        assertThat(duplicate).isEqualTo(1);
        assertThat(again.toString(StandardCharsets.UTF_8)).contains("already exists");
    }

    // ---------------------------------------------------------------- export and import

    @Test
    void exportThenImportThenExportGivesTheSameDocumentApartFromIdsAndTimestamps() throws Exception {
        JsonNode original;
        try (InputStream in = new ClassPathResource("demo/journey-map.json").getInputStream()) {
            original = Api.JSON.readTree(in);
        }
        JsonNode imported = created(ws.editor().post(ws.path("/journeys/import"), original));
        JsonNode firstExport = ws.viewer().get(ws.path("/journeys/" + imported.path("id").asString() + "/export")).json();
        JsonNode reimported = created(ws.editor().post(ws.path("/journeys/import"), firstExport));
        JsonNode secondExport = ws.viewer().get(ws.path("/journeys/" + reimported.path("id").asString() + "/export")).json();

        assertThat(reimported.path("id").asString()).isNotEqualTo(imported.path("id").asString());
        assertThat(withoutIdsAndTimestamps(secondExport)).isEqualTo(withoutIdsAndTimestamps(firstExport));
        assertThat(firstExport.path("touchpoints")).hasSize(original.path("touchpoints").size());
        assertThat(firstExport.path("opportunities").get(0).path("solutions")).hasSize(2);
        assertThat(firstExport.path("insights").get(2).path("touchpoints").toString())
                .isEqualTo(original.path("insights").get(2).path("touchpoints").toString());
    }

    @Test
    void anImportWithBrokenReferencesListsEveryProblemAndWritesNothing() throws Exception {
        JsonNode document;
        try (InputStream in = new ClassPathResource("demo/journey-map.json").getInputStream()) {
            document = Api.JSON.readTree(in);
        }
        ((ObjectNode) document.path("touchpoints").get(0)).put("stage", "stage-99");
        ((ObjectNode) document.path("insights").get(1)).set("touchpoints", Api.JSON.valueToTree(List.of("touchpoint-404")));
        ((ObjectNode) document.path("personas").get(2)).put("name", "");
        ((ObjectNode) document.path("stages").get(3)).put("ref", "stage-1");

        Response response = ws.editor().post(ws.path("/journeys/import"), document);

        assertProblem(response, 400, null);
        assertThat(response.problemFields().split(",")).contains("touchpoints[0].stage", "insights[1].touchpoints[0]",
                "personas[2].name", "stages[3].ref");
        assertThat(journeyCount()).isZero();
    }

    // ---------------------------------------------------------------- demo workspace and operations

    @Test
    void theDemoWorkspaceHoldsARealisticDutchJourney() {
        Api demo = new Api(port, DEMO_KEY);
        JsonNode journeys = demo.get("/api/workspaces/demo/journeys").json();
        assertThat(journeys.size()).isGreaterThanOrEqualTo(1);
        JsonNode journey = journeys.get(0);
        String base = "/api/workspaces/demo/journeys/" + journey.path("id").asString();
        assertThat(journey.path("language").asString()).isEqualTo("nl");

        assertThat(demo.get(base + "/stages").json()).hasSize(5);
        assertThat(demo.get(base + "/personas").json().size()).isGreaterThanOrEqualTo(3);
        JsonNode touchpoints = demo.get(base + "/touchpoints").json();
        assertThat(touchpoints.size()).isGreaterThanOrEqualTo(15);
        Set<String> channels = new HashSet<>();
        touchpoints.forEach(t -> {
            channels.add(t.path("channel").asString());
            assertThat(t.path("owner").asString()).isNotBlank();
        });
        assertThat(channels.size()).isGreaterThanOrEqualTo(8);
        assertThat(demo.get(base + "/insights").json().size()).isGreaterThanOrEqualTo(10);
        assertThat(demo.get(base + "/opportunities").json().size()).isGreaterThanOrEqualTo(3);
        assertThat(demo.get("/api/workspaces/demo/brand-profile").json().path("defaultLanguage").asString()).isEqualTo("nl");
    }

    @Test
    void healthAndTheOpenApiDocumentArePublic() {
        Api anonymous = ws.admin().withKey(null);
        assertThat(anonymous.get("/actuator/health").json().path("status").asString()).isEqualTo("UP");
        JsonNode openApi = anonymous.get("/v3/api-docs").json();
        assertThat(openApi.path("paths").has("/api/workspaces/{ws}/journeys/{id}/export")).isTrue();
        assertThat(openApi.path("paths").has("/api/workspaces/{ws}/touchpoints/{id}")).isTrue();
        assertThat(anonymous.get("/swagger-ui/index.html").status()).isEqualTo(200);
    }

    // ---------------------------------------------------------------- helpers

    int journeyCount() {
        return jdbc.sql("select count(*) from journey where workspace_id = ?").param(ws.id()).query(Integer.class).single();
    }

    static JsonNode created(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.header("Location")).isNotBlank();
        return response.json();
    }

    List<JsonNode> stages(JsonNode journey) {
        return stages(journey, ws);
    }

    static List<JsonNode> stages(JsonNode journey, TestWorkspace in) {
        List<JsonNode> stages = new ArrayList<>();
        in.viewer().get(in.path("/journeys/" + journey.path("id").asString() + "/stages")).json().forEach(stages::add);
        return stages;
    }

    static List<String> names(List<JsonNode> nodes) {
        return nodes.stream().map(n -> n.path("name").asString()).toList();
    }

    static void assertProblem(Response response, int status, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).as(response.toString()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asString()).isNotBlank();
        assertThat(problem.path("detail").asString()).isNotBlank();
        if (field != null) {
            assertThat(response.problemFields().split(",")).as(response.toString()).contains(field);
        }
    }

    static JsonNode withoutIdsAndTimestamps(JsonNode node) {
        JsonNode copy = node.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove(List.of("id", "exportedAt"));
        }
        node.forEach(JourneyApiContract::strip);
    }
}
