package com.journeyassistant.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.journeyassistant.journey.Channel;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What the model is told it may call, as LangChain4j builds it from the annotated methods of {@link TurnTools}. */
class ChatToolsTest {

    private final Map<String, ToolSpecification> tools = new ChatTools(null, null, null, null, null, null, null, null,
            null, null, null).specifications().stream().collect(Collectors.toMap(ToolSpecification::name, Function.identity()));

    @Test
    void everyToolIsOfferedWithADescription() {
        assertThat(tools.keySet()).containsExactlyInAnyOrder("searchEvidence", "getJourney", "getTouchpoint", "getKpis",
                "getAnalytics", "generateContentVariants", "suggestExperiments", "proposeOpportunities",
                "proposeSolutions", "draftPersonas", "acceptSuggestion", "rejectSuggestion");
        assertThat(tools.values()).allSatisfy(tool -> assertThat(tool.description()).isNotBlank());
        assertThat(tools.values()).filteredOn(tool -> !tool.name().startsWith("get") && !tool.name().equals("searchEvidence"))
                .allSatisfy(tool -> assertThat(tool.description()).contains("runs after the user confirms"));
    }

    @Test
    void requiredParametersAreOnlyThoseATurnCannotDoWithout() {
        assertThat(parameters("searchEvidence").required()).containsExactly("query");
        assertThat(parameters("getTouchpoint").required()).containsExactly("touchpointId");
        assertThat(parameters("generateContentVariants").required()).containsExactly("touchpointId");
        assertThat(parameters("proposeSolutions").required()).containsExactly("opportunityId");
        assertThat(parameters("acceptSuggestion").required()).containsExactly("suggestionId");
        assertThat(parameters("getJourney").required()).isNullOrEmpty();
        assertThat(parameters("draftPersonas").required()).isNullOrEmpty();
    }

    @Test
    void choicesAreEnumsAndCountsAreWholeNumbers() {
        JsonObjectSchema variants = parameters("generateContentVariants");
        assertThat(((JsonEnumSchema) variants.properties().get("channel")).enumValues())
                .containsExactlyElementsOf(Arrays.stream(Channel.values()).map(Enum::name).toList());
        assertThat(((JsonEnumSchema) variants.properties().get("language")).enumValues()).containsExactly("nl", "en");
        assertThat(variants.properties().get("count")).isInstanceOf(JsonIntegerSchema.class);
        assertThat(variants.properties().keySet()).containsExactlyInAnyOrder("touchpointId", "personaId", "channel",
                "count", "language", "brief");
        assertThat(((JsonEnumSchema) parameters("searchEvidence").properties().get("type")).enumValues())
                .isEqualTo(List.of("feedback", "insight", "kpi"));
    }

    private JsonObjectSchema parameters(String tool) {
        return tools.get(tool).parameters();
    }
}
