package com.journeyassistant.model;

import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.util.LinkedHashMap;
import java.util.Map;

/** A response schema as the JSON Schema an OpenAI-compatible request carries, for requests we write ourselves. */
final class SchemaMaps {

    private SchemaMaps() {
    }

    static Map<String, Object> of(JsonSchemaElement element) {
        Map<String, Object> map = new LinkedHashMap<>();
        if (element instanceof JsonObjectSchema object) {
            map.put("type", "object");
            describe(map, object.description());
            Map<String, Object> properties = new LinkedHashMap<>();
            object.properties().forEach((name, property) -> properties.put(name, of(property)));
            map.put("properties", properties);
            if (object.required() != null) {
                map.put("required", object.required());
            }
            map.put("additionalProperties", Boolean.TRUE.equals(object.additionalProperties()));
        } else if (element instanceof JsonArraySchema array) {
            map.put("type", "array");
            describe(map, array.description());
            map.put("items", of(array.items()));
        } else if (element instanceof JsonStringSchema string) {
            map.put("type", "string");
            describe(map, string.description());
        } else if (element instanceof JsonIntegerSchema integer) {
            map.put("type", "integer");
            describe(map, integer.description());
        } else if (element instanceof JsonNumberSchema number) {
            map.put("type", "number");
            describe(map, number.description());
        } else if (element instanceof JsonBooleanSchema bool) {
            map.put("type", "boolean");
            describe(map, bool.description());
        } else if (element instanceof JsonEnumSchema enumeration) {
            map.put("type", "string");
            describe(map, enumeration.description());
            map.put("enum", enumeration.enumValues());
        } else {
            throw new IllegalArgumentException("no JSON Schema for " + element.getClass().getSimpleName());
        }
        return map;
    }

    private static void describe(Map<String, Object> map, String description) {
        if (description != null) {
            map.put("description", description);
        }
    }
}
