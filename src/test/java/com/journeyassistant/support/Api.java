package com.journeyassistant.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** A real HTTP client against the running test server, speaking JSON with one API key. */
public final class Api {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public record Response(int status, java.net.http.HttpHeaders headers, String raw) {
        public JsonNode json() {
            return raw.isEmpty() ? JSON.nullNode() : JSON.readTree(raw);
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }

        /** The fields named by a problem's {@code errors}, joined by commas. */
        public String problemFields() {
            StringBuilder fields = new StringBuilder();
            json().path("errors").forEach(e -> fields.append(fields.isEmpty() ? "" : ",").append(e.path("field").asString()));
            return fields.toString();
        }

        @Override
        public String toString() {
            return status + " " + raw;
        }
    }

    private final String baseUrl;
    private final String key;

    public Api(int port, String key) {
        this.baseUrl = "http://localhost:" + port;
        this.key = key;
    }

    /** The API key this client sends. */
    public String key() {
        return key;
    }

    public Api withKey(String otherKey) {
        return new Api(Integer.parseInt(baseUrl.substring(baseUrl.lastIndexOf(':') + 1)), otherKey);
    }

    public static ObjectNode object(Object... keysAndValues) {
        ObjectNode node = JSON.createObjectNode();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            node.set((String) keysAndValues[i], JSON.valueToTree(keysAndValues[i + 1]));
        }
        return node;
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    public Response get(String path, Map<String, String> headers) {
        HttpRequest.Builder builder = request(path).GET();
        headers.forEach(builder::header);
        return send(builder);
    }

    public Response delete(String path) {
        return send(request(path).DELETE());
    }

    public Response post(String path, Object body) {
        return send(request(path).POST(publisher(body)).header("Content-Type", "application/json"));
    }

    public Response put(String path, Object body) {
        return put(path, body, Map.of());
    }

    public Response put(String path, Object body, Map<String, String> headers) {
        HttpRequest.Builder builder = request(path).PUT(publisher(body)).header("Content-Type", "application/json");
        headers.forEach(builder::header);
        return send(builder);
    }

    public Response patch(String path, Object body) {
        return send(request(path).method("PATCH", publisher(body)).header("Content-Type", "application/json"));
    }

    /** A JSON Merge Patch (RFC 7386): only the fields sent change, null clears one. */
    public Response mergePatch(String path, Object body, Map<String, String> headers) {
        HttpRequest.Builder builder = request(path).method("PATCH", publisher(body))
                .header("Content-Type", "application/merge-patch+json");
        headers.forEach(builder::header);
        return send(builder);
    }

    public Response postRaw(String path, String body, String contentType) {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", contentType));
    }

    public Response postBytes(String path, byte[] body, String contentType) {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", contentType));
    }

    /** Sends the body without a Content-Length (chunked), as a streaming client would. */
    public Response postChunked(String path, byte[] body) {
        return send(request(path)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .header("Content-Type", "application/json"));
    }

    public Response postChunkedAs(String path, byte[] body, String contentType) {
        return send(request(path)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .header("Content-Type", contentType));
    }

    /** One server-sent event. */
    public record Event(String name, String data) {
        public JsonNode json() {
            return JSON.readTree(data);
        }
    }

    /** Posts with Accept: text/event-stream and reads the events until the server ends the stream. */
    public List<Event> postForEvents(String path, Object body) {
        try {
            HttpResponse<java.util.stream.Stream<String>> response = HTTP.send(eventRequest(path, body),
                    HttpResponse.BodyHandlers.ofLines());
            if (response.statusCode() != 200) {
                throw new AssertionError("status " + response.statusCode() + ": "
                        + response.body().collect(java.util.stream.Collectors.joining("\n")));
            }
            List<Event> events = new java.util.ArrayList<>();
            String[] name = {null};
            StringBuilder data = new StringBuilder();
            response.body().forEach(line -> {
                if (line.startsWith("event:")) {
                    name[0] = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(data.isEmpty() ? "" : "\n").append(line.substring(5));
                } else if (line.isEmpty() && name[0] != null) {
                    events.add(new Event(name[0], data.toString()));
                    name[0] = null;
                    data.setLength(0);
                }
            });
            return events;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Reads a GET event stream to its end: each event's name and data, in order. */
    public List<Event> getEvents(String path) {
        try {
            HttpResponse<java.util.stream.Stream<String>> response = HTTP.send(request(path).GET()
                    .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
            List<Event> events = new java.util.ArrayList<>();
            String[] name = {null};
            StringBuilder data = new StringBuilder();
            response.body().forEach(line -> {
                if (line.startsWith("event:")) {
                    name[0] = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5));
                } else if (line.isEmpty() && name[0] != null) {
                    events.add(new Event(name[0], data.toString()));
                    name[0] = null;
                    data.setLength(0);
                }
            });
            return events;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Posts with Accept: text/event-stream and hands back the open body, for a client that hangs up early. */
    public java.io.InputStream openEventStream(String path, Object body) {
        try {
            return HTTP.send(eventRequest(path, body), HttpResponse.BodyHandlers.ofInputStream()).body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest eventRequest(String path, Object body) {
        return request(path).POST(publisher(body)).header("Content-Type", "application/json")
                .header("Accept", "text/event-stream").build();
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path));
        if (key != null) {
            builder.header("Authorization", "Bearer " + key);
        }
        return builder;
    }

    private static HttpRequest.BodyPublisher publisher(Object body) {
        String text = body instanceof String s ? s : JSON.writeValueAsString(body);
        return HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8);
    }

    private static Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
