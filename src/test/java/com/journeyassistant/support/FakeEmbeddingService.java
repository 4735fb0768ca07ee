package com.journeyassistant.support;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A WireMock response transformer that answers OpenAI {@code /embeddings} requests like a real
 * service: one embedding per input, in order, each a hashed bag of words, so texts sharing
 * words are near each other and searches behave sensibly.
 */
public final class FakeEmbeddingService implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "fake-embeddings";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final int dimension;

    public FakeEmbeddingService(int dimension) {
        this.dimension = dimension;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        JsonNode request = JSON.readTree(serveEvent.getRequest().getBodyAsString());
        List<String> inputs = new ArrayList<>();
        if (request.path("input").isArray()) {
            request.path("input").forEach(i -> inputs.add(i.asString()));
        } else {
            inputs.add(request.path("input").asString());
        }
        List<Map<String, Object>> data = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            data.add(Map.of("object", "embedding", "index", i, "embedding", vector(inputs.get(i))));
        }
        String body = JSON.writeValueAsString(Map.of("object", "list", "data", data,
                "model", request.path("model").asString(),
                "usage", Map.of("prompt_tokens", inputs.size(), "total_tokens", inputs.size())));
        // like(): keeps what the stub adds, such as a delay
        return ResponseDefinitionBuilder.like(serveEvent.getResponseDefinition()).but().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(body).build();
    }

    private float[] vector(String text) {
        float[] vector = new float[dimension];
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty()) {
                vector[Math.floorMod(word.hashCode(), dimension)] += 1;
            }
        }
        vector[dimension - 1] += 0.01f; // never the zero vector
        return vector;
    }
}
