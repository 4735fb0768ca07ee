package com.journeyassistant.batch;

import org.springframework.batch.integration.partition.StepExecutionRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A partition request as it travels through RabbitMQ: plain JSON of the step's name and its
 * execution's id, never a serialized Java object, so a worker deserializes nothing it did not expect.
 */
final class PartitionMessages {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private PartitionMessages() {
    }

    static String write(StepExecutionRequest request) {
        return JSON.writeValueAsString(java.util.Map.of("stepName", request.getStepName(),
                "stepExecutionId", request.getStepExecutionId()));
    }

    static StepExecutionRequest read(String message) {
        JsonNode node = JSON.readTree(message);
        if (!node.path("stepName").isString() || !node.path("stepExecutionId").isNumber()) {
            throw new IllegalArgumentException("not a partition request");
        }
        return new StepExecutionRequest(node.path("stepName").asString(), node.path("stepExecutionId").asLong());
    }
}
