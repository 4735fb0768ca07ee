package com.journeyassistant.generation;

import com.journeyassistant.model.MalformedAnswerException;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.service.output.JsonSchemas;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * A job's answer as a record: the response schema the model is held to is derived from it
 * (LangChain4j's {@link JsonSchemas}, descriptions from {@code @Description}), made strict (every
 * property required, nothing else allowed), and the answer is read back into it. A field that is
 * missing, null or of the wrong type makes the answer malformed, naming where, so the repair
 * round can say what to fix.
 */
final class AnswerSchema<T extends Record> {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS).build();

    private final Class<T> answer;
    private final JsonSchema schema;

    private AnswerSchema(String name, Class<T> answer) {
        this.answer = answer;
        JsonSchema derived = JsonSchemas.jsonSchemaFrom(answer)
                .orElseThrow(() -> new IllegalArgumentException(answer + " is not an object"));
        this.schema = JsonSchema.builder().name(name).rootElement(strict(derived.rootElement())).build();
    }

    static <T extends Record> AnswerSchema<T> of(String name, Class<T> answer) {
        return new AnswerSchema<>(name, answer);
    }

    JsonSchema schema() {
        return schema;
    }

    /** The answer as its record, every text stripped of surrounding white space (" F1" cites F1). */
    T read(JsonNode root) {
        T read;
        try {
            read = JSON.treeToValue(stripped(root), answer);
        } catch (DatabindException e) {
            throw new MalformedAnswerException(path(e.getPath()) + " does not match the schema");
        } catch (JacksonException e) {
            throw new MalformedAnswerException("the answer does not match the schema");
        }
        String missing = firstMissing(read, "");
        if (missing != null) {
            throw new MalformedAnswerException(missing + " is missing");
        }
        return read;
    }

    private static JsonNode stripped(JsonNode node) {
        if (node.isString()) {
            return StringNode.valueOf(node.asString().strip());
        }
        if (node instanceof ObjectNode object) {
            ObjectNode copy = JSON.createObjectNode();
            object.properties().forEach(field -> copy.set(field.getKey(), stripped(field.getValue())));
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = JSON.createArrayNode();
            array.forEach(element -> copy.add(stripped(element)));
            return copy;
        }
        return node;
    }

    private static JsonSchemaElement strict(JsonSchemaElement element) {
        if (element instanceof JsonObjectSchema object) {
            Map<String, JsonSchemaElement> properties = new LinkedHashMap<>();
            object.properties().forEach((name, property) -> properties.put(name, strict(property)));
            return JsonObjectSchema.builder().description(object.description()).addProperties(properties)
                    .required(new ArrayList<>(properties.keySet())).additionalProperties(false).build();
        }
        if (element instanceof JsonArraySchema array) {
            return JsonArraySchema.builder().description(array.description()).items(strict(array.items())).build();
        }
        return element;
    }

    /** The path of the first component left null, in records and lists of records: "experiments[1].control". */
    private static String firstMissing(Object value, String at) {
        if (value instanceof Record record) {
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                String path = at.isEmpty() ? component.getName() : at + "." + component.getName();
                Object field;
                try {
                    field = component.getAccessor().invoke(record);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
                String missing = field == null ? path : firstMissing(field, path);
                if (missing != null) {
                    return missing;
                }
            }
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                String missing = list.get(i) == null ? at + "[" + i + "]" : firstMissing(list.get(i), at + "[" + i + "]");
                if (missing != null) {
                    return missing;
                }
            }
        }
        return null;
    }

    private static String path(List<? extends DatabindException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (DatabindException.Reference reference : references) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "the answer" : path.toString();
    }
}
