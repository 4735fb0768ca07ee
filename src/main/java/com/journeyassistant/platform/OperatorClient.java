package com.journeyassistant.platform;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The command line talking to a running service through its operator API ({@code JOURNEY_URL} and
 * {@code JOURNEY_OPERATOR_KEY}), so that it works while the service holds the database.
 */
final class OperatorClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String baseUrl;
    private final String operatorKey;

    OperatorClient(String baseUrl, String operatorKey) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.operatorKey = operatorKey;
    }

    /** Runs one command; the exit code: 0 done, 1 refused or failed, 2 not a command. */
    int run(String[] args, PrintStream out) {
        try {
            if (is(args, "workspace", "create", 4)) {
                JsonNode created = send("POST", "/api/operator/workspaces", Map.of("slug", args[2], "name", args[3]), out);
                if (created == null) {
                    return 1;
                }
                out.println("Created workspace " + created.path("workspace").path("slug").asString() + " ("
                        + created.path("workspace").path("name").asString() + ")");
                out.println("Admin API key (shown once): " + created.path("adminKey").path("secret").asString());
                return 0;
            }
            if (is(args, "workspace", "list", 2)) {
                JsonNode list = send("GET", "/api/operator/workspaces", null, out);
                if (list == null) {
                    return 1;
                }
                for (JsonNode w : list) {
                    out.println(w.path("slug").asString() + "\t" + w.path("name").asString() + "\t"
                            + (w.path("disabledAt").isNull() || w.path("disabledAt").isMissingNode() ? "active" : "disabled")
                            + "\t" + w.path("activeKeys").asInt() + " keys\t" + w.path("people").asInt() + " people");
                }
                return 0;
            }
            if (is(args, "workspace", "disable", 3) || is(args, "workspace", "enable", 3)) {
                JsonNode changed = send("POST", "/api/operator/workspaces/" + args[2] + "/" + args[1], null, out);
                if (changed == null) {
                    return 1;
                }
                out.println("Workspace " + args[2] + " is " + args[1] + "d");
                return 0;
            }
            if (is(args, "key", "create", 5)) {
                JsonNode key = send("POST", "/api/operator/workspaces/" + args[2] + "/keys",
                        Map.of("name", args[3], "role", args[4].toUpperCase(Locale.ROOT)), out);
                if (key == null) {
                    return 1;
                }
                out.println(key.path("key").path("role").asString() + " API key for " + args[2] + " (shown once): "
                        + key.path("secret").asString());
                return 0;
            }
            if (is(args, "user", "invite", 5)) {
                JsonNode invited = send("POST", "/api/operator/workspaces/" + args[2] + "/users",
                        Map.of("email", args[3], "role", args[4].toUpperCase(Locale.ROOT)), out);
                if (invited == null) {
                    return 1;
                }
                out.println("Invited " + invited.path("email").asString() + ": " + baseUrl + "/invite/"
                        + invited.path("token").asString() + " (valid until " + invited.path("expiresAt").asString() + ")");
                return 0;
            }
            return -1;
        } catch (IOException e) {
            out.println("error: the service at " + baseUrl + " cannot be reached (" + e.getClass().getSimpleName() + ")");
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private JsonNode send(String method, String path, Object body, PrintStream out)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + operatorKey)
                .header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode answer = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
        if (response.statusCode() >= 400) {
            StringBuilder why = new StringBuilder("error: " + answer.path("detail").asString(
                    answer.path("title").asString("HTTP " + response.statusCode())));
            answer.path("errors").forEach(e -> why.append(" (").append(e.path("field").asString()).append(": ")
                    .append(e.path("message").asString()).append(')'));
            out.println(why);
            return null;
        }
        return answer;
    }

    private static boolean is(String[] args, String noun, String verb, int length) {
        return args.length == length && args[0].equals(noun) && args[1].equals(verb);
    }
}
