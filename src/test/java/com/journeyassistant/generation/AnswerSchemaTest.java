package com.journeyassistant.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.journeyassistant.model.MalformedAnswerException;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Response schemas derived from the jobs' answer records, and answers read back into them. */
class AnswerSchemaTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AnswerSchema<PersonaDrafts.Answer> PERSONAS =
            AnswerSchema.of("persona_drafts", PersonaDrafts.Answer.class);
    private static final AnswerSchema<ExperimentSuggestions.Answer> EXPERIMENTS =
            AnswerSchema.of("experiment_suggestions", ExperimentSuggestions.Answer.class);

    @Test
    void theSchemaIsStrictAtEveryLevelAndCarriesTheRecordsDescriptionsAndChoices() {
        assertThat(PERSONAS.schema().name()).isEqualTo("persona_drafts");
        JsonObjectSchema root = (JsonObjectSchema) PERSONAS.schema().rootElement();
        assertThat(root.required()).containsExactly("personas");
        assertThat(root.additionalProperties()).isFalse();
        JsonObjectSchema persona = (JsonObjectSchema) ((JsonArraySchema) root.properties().get("personas")).items();
        assertThat(persona.required()).containsExactly("name", "description", "segment", "attributes");
        assertThat(persona.additionalProperties()).isFalse();
        assertThat(((JsonStringSchema) persona.properties().get("segment")).description())
                .isEqualTo("one of the segments listed, or none");
        JsonObjectSchema attribute = (JsonObjectSchema) ((JsonArraySchema) persona.properties().get("attributes")).items();
        assertThat(((JsonEnumSchema) attribute.properties().get("kind")).enumValues())
                .containsExactly("goal", "pain", "behaviour", "channel");
        assertThat(attribute.required()).containsExactly("kind", "text", "citations");

        JsonObjectSchema experiment = (JsonObjectSchema) ((JsonArraySchema) ((JsonObjectSchema) EXPERIMENTS.schema()
                .rootElement()).properties().get("experiments")).items();
        assertThat(experiment.properties().get("minimumDetectableEffect")).isInstanceOf(JsonNumberSchema.class);
        assertThat(experiment.required()).contains("primaryMetric", "minimumDetectableEffect", "citations");
    }

    @Test
    void anAnswerIsReadIntoItsRecordsWithTextStrippedAndChoicesInAnyCase() {
        PersonaDrafts.Answer answer = PERSONAS.read(JSON.readTree("""
                {"personas": [{"name": "Sanne", "description": "Forenst dagelijks", "segment": " forens ",
                  "attributes": [{"kind": "Pain", "text": "Twijfelt over de accu", "citations": [" F1", "F2 "]}]}]}"""));

        PersonaDrafts.PersonaDraft sanne = answer.personas().get(0);
        assertThat(sanne.segment()).isEqualTo("forens");
        assertThat(sanne.attributes().get(0).kind()).isEqualTo(PersonaDrafts.AttributeKind.pain);
        assertThat(sanne.attributes().get(0).citations()).containsExactly("F1", "F2");
    }

    @Test
    void aMissingOrMistypedFieldIsAMalformedAnswerThatSaysWhere() {
        assertThatThrownBy(() -> PERSONAS.read(JSON.readTree("""
                {"personas": [{"name": "Sanne", "description": "x", "segment": "forens", "attributes": []},
                              {"name": "Ahmed", "description": "y", "attributes": []}]}""")))
                .isInstanceOf(MalformedAnswerException.class).hasMessage("personas[1].segment is missing");
        assertThatThrownBy(() -> EXPERIMENTS.read(JSON.readTree("""
                {"experiments": [{"hypothesis": "h", "control": "c", "variants": ["v"], "primaryMetric": "K1",
                  "minimumDetectableEffect": "tien procent", "citations": ["F1"]}]}""")))
                .isInstanceOf(MalformedAnswerException.class)
                .hasMessage("experiments[0].minimumDetectableEffect does not match the schema");
        assertThatThrownBy(() -> PERSONAS.read(JSON.readTree("""
                {"personas": [{"name": "S", "description": "x", "segment": "f",
                  "attributes": [{"kind": "hobby", "text": "t", "citations": []}]}]}""")))
                .isInstanceOf(MalformedAnswerException.class)
                .hasMessage("personas[0].attributes[0].kind does not match the schema");
        assertThatThrownBy(() -> PERSONAS.read(JSON.readTree("{\"drafts\": []}")))
                .isInstanceOf(MalformedAnswerException.class).hasMessage("personas is missing");
    }
}
