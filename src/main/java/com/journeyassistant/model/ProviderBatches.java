package com.journeyassistant.model;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The provider's batch endpoint (OpenAI-compatible {@code /files} and {@code /batches}): a file
 * of chat-completions requests goes up, the provider answers them within its completion window
 * at a lower price, and the answers come back as a file. Failures say what happened, never what
 * was sent.
 */
@Component
public class ProviderBatches {

    /** A batch as the provider reports it. Terminal states: completed, failed, expired, cancelled. */
    public record Batch(String id, String status, String outputFileId, String errorFileId, int total, int completed,
                        int failed) {

        public boolean ended() {
            return switch (status) {
                case "completed", "failed", "expired", "cancelled" -> true;
                default -> false;
            };
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final ModelSettings settings;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    ProviderBatches(ModelSettings settings) {
        this.settings = settings;
    }

    /** Uploads a JSONL file of requests for the batch endpoint; the provider's file id. */
    public String upload(String jsonl) {
        String boundary = "journey-" + UUID.randomUUID();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"batch.jsonl\"\r\n"
                + "Content-Type: application/jsonl\r\n\r\n" + jsonl + "\r\n--" + boundary + "--\r\n";
        JsonNode file = send(request("/files").header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)), "uploading the batch file");
        return text(file, "id", "uploading the batch file");
    }

    /** Starts a batch over an uploaded file of chat-completions requests, to be answered within {@code window}. */
    public Batch create(String inputFileId, String window) {
        String body = JSON.writeValueAsString(Map.of("input_file_id", inputFileId, "endpoint", "/v1/chat/completions",
                "completion_window", window));
        return batch(send(request("/batches").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), "creating the batch"));
    }

    public Batch get(String batchId) {
        return batch(send(request("/batches/" + batchId).GET(), "reading the batch's status"));
    }

    public Batch cancel(String batchId) {
        return batch(send(request("/batches/" + batchId + "/cancel").POST(HttpRequest.BodyPublishers.noBody()),
                "cancelling the batch"));
    }

    /** A file's content: the answers (or the errors) of a batch, one JSON object a line. */
    public String content(String fileId) {
        HttpResponse<String> response = exchange(request("/files/" + fileId + "/content").GET(),
                "reading the batch's results");
        return response.body();
    }

    private HttpRequest.Builder request(String path) {
        String base = settings.baseUrl().endsWith("/") ? settings.baseUrl().substring(0, settings.baseUrl().length() - 1)
                : settings.baseUrl();
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT);
        if (settings.apiKey() != null && !settings.apiKey().isBlank()) {
            builder.header("Authorization", "Bearer " + settings.apiKey());
        }
        return builder;
    }

    private JsonNode send(HttpRequest.Builder request, String doing) {
        HttpResponse<String> response = exchange(request, doing);
        try {
            return JSON.readTree(response.body());
        } catch (JacksonException e) {
            throw new ModelUnavailableException(ModelUnavailableException.Reason.FAILING, 502,
                    "the provider's answer to " + doing + " is not JSON");
        }
    }

    private HttpResponse<String> exchange(HttpRequest.Builder request, String doing) {
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ModelUnavailableException(ModelUnavailableException.Reason.UNREACHABLE, 502,
                    "the provider could not be reached while " + doing + " (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelUnavailableException(ModelUnavailableException.Reason.UNREACHABLE, 502, "interrupted");
        }
        int status = response.statusCode();
        if (status < 200 || status >= 300) {
            throw new ModelUnavailableException(status == 429 || status >= 500
                    ? ModelUnavailableException.Reason.FAILING : ModelUnavailableException.Reason.REJECTED,
                    status == 429 ? 503 : 502, "the provider answered " + status + " while " + doing);
        }
        return response;
    }

    private static Batch batch(JsonNode node) {
        JsonNode counts = node.path("request_counts");
        return new Batch(text(node, "id", "reading the batch"), node.path("status").asString(""),
                node.path("output_file_id").isString() ? node.path("output_file_id").asString() : null,
                node.path("error_file_id").isString() ? node.path("error_file_id").asString() : null,
                counts.path("total").asInt(0), counts.path("completed").asInt(0), counts.path("failed").asInt(0));
    }

    private static String text(JsonNode node, String field, String doing) {
        if (!node.path(field).isString() || node.path(field).asString().isBlank()) {
            throw new ModelUnavailableException(ModelUnavailableException.Reason.FAILING, 502,
                    "the provider's answer to " + doing + " has no " + field);
        }
        return node.path(field).asString();
    }
}
