package com.journeyassistant.platform;

import static com.journeyassistant.support.Api.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.journeyassistant.support.Api;
import com.journeyassistant.support.Api.Response;
import com.journeyassistant.support.ApiTest;
import com.journeyassistant.support.H2Backend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The published contract (/v3/api-docs) against what the service does: every operation has a summary, its success
 * status and the problems it can answer in the one shared problem schema; uploads name their media types, the chat
 * names its event stream; creating operations are documented with the status they really answer.
 */
@H2Backend
class OpenApiContractTest extends ApiTest {

    private static final String PROBLEM_REF = "#/components/schemas/Problem";
    static final Path COMMITTED = Path.of("src", "test", "resources", "openapi", "journey-assistant.json");

    @Test
    void everyOperationHasASummaryItsSuccessStatusAndTheProblemsItCanAnswer() {
        JsonNode spec = spec();
        List<String> gaps = new ArrayList<>();
        int operations = 0;
        for (Map.Entry<String, JsonNode> path : spec.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> entry : path.getValue().properties()) {
                operations++;
                String name = entry.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
                JsonNode operation = entry.getValue();
                if (operation.path("summary").asString("").isBlank()) {
                    gaps.add(name + ": no summary");
                }
                JsonNode responses = operation.path("responses");
                List<String> statuses = new ArrayList<>();
                responses.properties().forEach(r -> statuses.add(r.getKey()));
                if (statuses.stream().noneMatch(s -> s.startsWith("2"))) {
                    gaps.add(name + ": no success status");
                }
                for (String status : statuses) {
                    if (status.startsWith("2") && !status.equals("204") && !responses.path(status).has("content")) {
                        gaps.add(name + ": " + status + " names no media type");
                    }
                }
                // the operator API has one key, no roles, and is not there without one: 404 where others say 403
                List<String> always = path.getKey().startsWith("/api/operator/")
                        ? List.of("400", "401", "404", "500") : List.of("400", "401", "403", "500");
                for (String status : always) {
                    if (!statuses.contains(status)) {
                        gaps.add(name + ": does not document " + status);
                    }
                }
                java.util.regex.Matcher variables = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(path.getKey());
                while (variables.find()) {
                    String variable = variables.group(1);
                    boolean declared = false;
                    for (JsonNode parameter : operation.path("parameters")) {
                        declared |= "path".equals(parameter.path("in").asString(""))
                                && variable.equals(parameter.path("name").asString(""));
                    }
                    if (!declared) {
                        gaps.add(name + ": path variable " + variable + " is not a declared parameter");
                    }
                }
                if (path.getKey().matches(".*\\{(?!ws\\})[^}]+}.*") && !statuses.contains("404")) {
                    gaps.add(name + ": has an id in its path but does not document 404");
                }
                for (String status : statuses) {
                    if (status.startsWith("4") || status.startsWith("5")) {
                        JsonNode problem = responses.path(status).path("content").path("application/problem+json");
                        if (!PROBLEM_REF.equals(problem.path("schema").path("$ref").asString(""))) {
                            gaps.add(name + ": " + status + " is not a problem document");
                        }
                    }
                }
            }
        }
        assertThat(operations).as("the API's operations").isGreaterThan(60);
        assertThat(gaps).isEmpty();

        JsonNode problem = spec.path("components").path("schemas").path("Problem");
        assertThat(problem.path("properties").path("errors").path("items").path("$ref").asString())
                .isEqualTo("#/components/schemas/FieldError");
        assertThat(spec.path("paths").properties()).allSatisfy(p -> assertThat(p.getKey()).startsWith("/api/"));
    }

    @Test
    void uploadsNameTheirMediaTypesAndTheChatItsEventStream() {
        JsonNode paths = spec().path("paths");
        for (String upload : List.of("/api/workspaces/{ws}/evidence/feedback", "/api/workspaces/{ws}/evidence/kpis",
                "/api/workspaces/{ws}/evidence/insights")) {
            JsonNode content = paths.path(upload).path("post").path("requestBody").path("content");
            assertThat(names(content)).as(upload).contains("text/csv", "application/json", "application/x-ndjson");
        }
        JsonNode batches = paths.path("/api/workspaces/{ws}/journeys/{id}/batches").path("post");
        assertThat(names(batches.path("requestBody").path("content"))).contains("text/csv", "application/json");
        JsonNode chat = paths.path("/api/workspaces/{ws}/conversations/{id}/messages").path("post");
        assertThat(names(chat.path("responses").path("200").path("content")))
                .contains("text/event-stream", "application/json");
        JsonNode patch = paths.path("/api/workspaces/{ws}/touchpoints/{id}").path("patch");
        assertThat(names(patch.path("requestBody").path("content"))).containsExactly("application/merge-patch+json");
    }

    @Test
    void creatingOperationsAreDocumentedWithTheStatusTheyAnswer() {
        JsonNode paths = spec().path("paths");
        Response journey = ws.editor().post(ws.path("/journeys"), object("name", "Webshop"));
        assertDocumented(paths, "/api/workspaces/{ws}/journeys", journey);
        String journeyPath = "/journeys/" + journey.json().path("id").asString();
        assertDocumented(paths, "/api/workspaces/{ws}/journeys/{journeyId}/personas",
                ws.editor().post(ws.path(journeyPath + "/personas"), object("name", "Sanne")));
        Response opportunity = ws.editor().post(ws.path(journeyPath + "/opportunities"), object("title", "Sneller"));
        assertDocumented(paths, "/api/workspaces/{ws}/journeys/{journeyId}/opportunities", opportunity);
        assertDocumented(paths, "/api/workspaces/{ws}/opportunities/{opportunityId}/solutions",
                ws.editor().post(ws.path("/opportunities/" + opportunity.json().path("id").asString() + "/solutions"),
                        object("title", "Levertijd tonen")));
        assertDocumented(paths, "/api/workspaces/{ws}/journeys/{journeyId}/insights",
                ws.editor().post(ws.path(journeyPath + "/insights"), object("title", "Twijfel", "text", "Levertijd")));
        assertDocumented(paths, "/api/workspaces/{ws}/journeys/{id}/export", ws.viewer().get(ws.path(journeyPath
                + "/export")), "get");
    }

    @Test
    void theCommittedContractThatTheClientIsGeneratedFromIsTheOneTheServicePublishes() throws Exception {
        JsonNode live = spec();
        Path published = Path.of("target", "openapi", "journey-assistant.json");
        Files.createDirectories(published.getParent());
        Files.writeString(published, Api.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(live) + "\n");
        JsonNode committed = Api.JSON.readTree(Files.readString(COMMITTED));
        assertThat(live).as("the API changed: copy " + published + " over " + COMMITTED
                + " (the generated client is built from it) and check the difference").isEqualTo(committed);
    }

    private static void assertDocumented(JsonNode paths, String path, Response response) {
        assertDocumented(paths, path, response, "post");
    }

    private static void assertDocumented(JsonNode paths, String path, Response response, String method) {
        JsonNode responses = paths.path(path).path(method).path("responses");
        List<String> success = new ArrayList<>();
        responses.properties().forEach(r -> {
            if (r.getKey().startsWith("2")) {
                success.add(r.getKey());
            }
        });
        assertThat(success).as(method + " " + path + " answered " + response.status())
                .containsExactly(String.valueOf(response.status()));
    }

    private JsonNode spec() {
        return new Api(port, null).get("/v3/api-docs").json();
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.properties().forEach(e -> names.add(e.getKey()));
        return names;
    }
}
