package com.journeyassistant.journey;

import com.journeyassistant.platform.ApiProblemException;
import com.journeyassistant.platform.ApiProblemException.FieldError;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.lang.reflect.RecordComponent;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON Merge Patch (RFC 7386) on a map item: the fields sent replace the item's, {@code null} clears one, the rest
 * stay as they are. The patched item is checked exactly like a full update, and needs the same version (If-Match or
 * the patch's {@code version}): the item's own version is never taken as the one the client meant.
 */
@Component
class MergePatch {

    static final String MEDIA_TYPE = "application/merge-patch+json";

    private final JsonMapper json;
    private final Validator validator;

    MergePatch(JsonMapper json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    /** The item as it is, with the patch applied, read as the update it amounts to. */
    <T extends Record> T apply(Object current, JsonNode patch, Class<T> updateType) {
        if (patch == null || !patch.isObject()) {
            throw ApiProblemException.invalid("body", "must be a JSON object (a merge patch)");
        }
        // the item as the update sees it: only the fields an update takes (not its read-only ones), and no version
        ObjectNode read = json.valueToTree(current);
        ObjectNode merged = json.createObjectNode();
        for (RecordComponent field : updateType.getRecordComponents()) {
            if (read.has(field.getName()) && !field.getName().equals("version")) {
                merged.set(field.getName(), read.get(field.getName()));
            }
        }
        merge(merged, (ObjectNode) patch);
        T update = json.treeToValue(merged, updateType);
        List<FieldError> errors = validator.validate(update).stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .map(MergePatch::error).toList();
        if (!errors.isEmpty()) {
            throw ApiProblemException.invalid(errors);
        }
        return update;
    }

    private static void merge(ObjectNode target, ObjectNode patch) {
        for (Map.Entry<String, JsonNode> field : patch.properties()) {
            JsonNode value = field.getValue();
            if (value.isNull()) {
                target.remove(field.getKey());
            } else if (value.isObject()) {
                JsonNode existing = target.get(field.getKey());
                ObjectNode nested = existing instanceof ObjectNode object ? object : target.putObject(field.getKey());
                merge(nested, (ObjectNode) value);
            } else {
                target.set(field.getKey(), value.deepCopy());
            }
        }
    }

    /** "goals[1]" for an element of a list, as a full update names it. */
    private static FieldError error(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString().replaceAll("\\.<[^>]+>", "");
        return new FieldError(path, violation.getMessage());
    }
}
