package com.journeyassistant.chat;

import static com.journeyassistant.generation.DataFence.fence;

import com.journeyassistant.analytics.JourneyAnalytics;
import com.journeyassistant.evidence.EvidenceFacts;
import com.journeyassistant.evidence.EvidenceSearch;
import com.journeyassistant.generation.DataFence;
import com.journeyassistant.generation.GenerationJobs;
import com.journeyassistant.generation.GenerationResult;
import com.journeyassistant.suggestions.Suggestions;
import com.journeyassistant.suggestions.Suggestions.Suggestion;
import com.journeyassistant.generation.OutputPolicy;
import com.journeyassistant.journey.Channel;
import com.journeyassistant.journey.Journeys;
import com.journeyassistant.journey.Opportunities;
import com.journeyassistant.journey.Personas;
import com.journeyassistant.journey.Stages;
import com.journeyassistant.journey.Touchpoints;
import com.journeyassistant.platform.ApiProblemException;
import com.journeyassistant.platform.CurrentWorkspace;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.agent.tool.ToolSpecifications;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the model may call: the {@link Tool} methods of {@link TurnTools}, described to the model
 * by LangChain4j's specification builder and run here for one turn at a time, always for the
 * caller's workspace. Tools that would change the map (the generation jobs attach suggestions;
 * accepting or rejecting one changes the map) are never run on the model's word: they record a
 * proposal that runs only when the user confirms it ({@link #apply}).
 */
@Component
class ChatTools {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The tool methods by name; the model sees them in declaration-independent, stable (name) order. */
    private static final Map<String, Method> TOOLS = Arrays.stream(TurnTools.class.getDeclaredMethods())
            .filter(m -> m.isAnnotationPresent(Tool.class))
            .sorted(Comparator.comparing(Method::getName))
            .collect(Collectors.toMap(m -> m.getAnnotation(Tool.class).name(), m -> m, (a, b) -> a, LinkedHashMap::new));
    private static final List<ToolSpecification> SPECIFICATIONS = TOOLS.values().stream()
            .map(ToolSpecifications::toolSpecificationFrom).toList();

    /** What the tools read from and write to. */
    record Services(EvidenceSearch search, EvidenceFacts facts, JourneyAnalytics analytics, Journeys journeys,
                    Stages stages, Touchpoints touchpoints, Personas personas, Opportunities opportunities,
                    GenerationJobs jobs, Suggestions suggestions, Conversations conversations) {
    }

    /** Evidence the tools showed the model during one turn, by the reference it was shown under. */
    static final class TurnEvidence {
        record Cited(String ref, UUID evidenceId, String type, String quote) {
        }

        private final Map<String, Cited> byRef = new LinkedHashMap<>();
        private final Map<UUID, String> refById = new LinkedHashMap<>();
        private final List<BigDecimal> kpiValues = new ArrayList<>();
        /** Names and words of the map the tools showed: an answer may repeat them. */
        private final StringBuilder mapText = new StringBuilder();
        /** Customer text the tools showed: names only it mentions are not the answer's to repeat. */
        private final List<String> customerTexts = new ArrayList<>();
        private int feedback;
        private int insights;
        private int kpis;

        String ref(String type, UUID id, String text) {
            String known = refById.get(id);
            if (known != null) {
                return known;
            }
            String ref = switch (type) {
                case "insight" -> "I" + (++insights);
                case "kpi" -> "K" + (++kpis);
                default -> "F" + (++feedback);
            };
            byRef.put(ref, new Cited(ref, id, type, text.length() > 200 ? text.substring(0, 199) + "…" : text));
            refById.put(id, ref);
            if (!type.equals("kpi")) {
                customerTexts.add(text);
            }
            return ref;
        }

        /** Map text the answer may repeat although no tool shows it (a touchpoint's asset links, say). */
        void map(String text) {
            if (text != null) {
                mapText.append(DataFence.screened(text)).append('\n');
            }
        }

        /**
         * Map text as a tool shows it, fenced (or withheld, when it reads like instructions to the
         * assistant); what is shown, the answer may repeat.
         */
        String show(String text) {
            String screened = DataFence.screened(text);
            mapText.append(screened).append('\n');
            return fence(screened);
        }

        String mapText() {
            return mapText.toString();
        }

        List<String> customerTexts() {
            return customerTexts;
        }

        Map<String, Cited> byRef() {
            return byRef;
        }

        List<BigDecimal> kpiValues() {
            return kpiValues;
        }
    }

    private final Services services;

    ChatTools(EvidenceSearch search, EvidenceFacts facts, JourneyAnalytics analytics, Journeys journeys, Stages stages,
              Touchpoints touchpoints, Personas personas, Opportunities opportunities, GenerationJobs jobs,
              Suggestions suggestions, Conversations conversations) {
        this.services = new Services(search, facts, analytics, journeys, stages, touchpoints, personas, opportunities,
                jobs, suggestions, conversations);
    }

    /** The same for every round of every turn: built once, from the annotated methods. */
    List<ToolSpecification> specifications() {
        return SPECIFICATIONS;
    }

    /**
     * Runs a reading tool, or records a proposal for a changing one. Whatever goes wrong (an
     * unknown id, bad arguments) becomes the text the model reads, so it can correct itself.
     */
    String execute(CurrentWorkspace caller, Conversations.Conversation conversation, ToolExecutionRequest request,
                   TurnEvidence evidence, List<Conversations.Proposal> proposals, OutputPolicy.Allowed allowed) {
        Method tool = TOOLS.get(request.name());
        if (tool == null) {
            return "error: there is no tool called " + request.name();
        }
        JsonNode args;
        try {
            args = JSON.readTree(request.arguments() == null || request.arguments().isBlank() ? "{}" : request.arguments());
        } catch (JacksonException e) {
            return "error: the arguments are not valid JSON";
        }
        try {
            Object[] values = arguments(tool, args);
            return (String) tool.invoke(new TurnTools(services, caller, conversation, evidence, proposals, allowed),
                    values);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof ApiProblemException problem) {
                return "error: " + problem.getMessage() + problem.errors().stream()
                        .map(f -> " (" + f.field() + " " + f.message() + ")").collect(Collectors.joining());
            }
            if (e.getCause() instanceof IllegalArgumentException) {
                return "error: an argument has a value the tool does not know";
            }
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (IllegalArgumentException e) {
            return "error: an argument has a value the tool does not know";
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The method's parameters from the model's arguments, by name: text, whole numbers and enum constants. */
    private static Object[] arguments(Method tool, JsonNode args) {
        Parameter[] parameters = tool.getParameters();
        Object[] values = new Object[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            JsonNode value = args.path(parameters[i].getName());
            Class<?> type = parameters[i].getType();
            if (value.isNull() || value.isMissingNode()) {
                values[i] = null;
            } else if (type == Integer.class) {
                values[i] = value.isNumber() ? value.asInt() : null;
            } else if (type.isEnum()) {
                values[i] = Arrays.stream(type.getEnumConstants()).filter(c -> ((Enum<?>) c).name()
                        .equalsIgnoreCase(value.asString().strip())).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("unknown " + type.getSimpleName()));
            } else {
                values[i] = value.asString();
            }
        }
        return values;
    }

    /** What a confirmed proposal did: the suggestions a job stored, or the suggestion a review decided. */
    record Applied(GenerationResult generated, Suggestion reviewed) {
    }

    /** Runs a confirmed proposal as the confirming user, with the arguments recorded when it was proposed. */
    Applied apply(CurrentWorkspace caller, Conversations.Proposal proposal) {
        JsonNode a = proposal.arguments();
        GenerationJobs jobs = services.jobs();
        return switch (proposal.tool()) {
            case TurnTools.ACCEPT_SUGGESTION, TurnTools.REJECT_SUGGESTION -> new Applied(null,
                    services.suggestions().review(caller.workspaceId(), id(a, "suggestionId"), new Suggestions.Review(
                            proposal.tool().equals(TurnTools.ACCEPT_SUGGESTION) ? "ACCEPTED" : "REJECTED", null,
                            text(a, "note"), null), caller.apiKeyName()));
            case TurnTools.GENERATE_CONTENT_VARIANTS -> new Applied(jobs.contentVariants(caller, id(a, "touchpointId"),
                    optionalId(a, "personaId"), a.hasNonNull("channel") ? Channel.valueOf(a.path("channel").asString())
                            : null, text(a, "language"), count(a), text(a, "brief")), null);
            case TurnTools.SUGGEST_EXPERIMENTS -> new Applied(jobs.experimentSuggestions(caller, id(a, "touchpointId"),
                    count(a), null), null);
            case TurnTools.PROPOSE_OPPORTUNITIES -> new Applied(jobs.opportunityProposals(caller, id(a, "journeyId"),
                    count(a), null), null);
            case TurnTools.PROPOSE_SOLUTIONS -> new Applied(jobs.solutionProposals(caller, id(a, "opportunityId"),
                    count(a), null), null);
            case TurnTools.DRAFT_PERSONAS -> new Applied(jobs.personaDrafts(caller, id(a, "journeyId"), count(a), null),
                    null);
            default -> throw new IllegalStateException("unknown proposal tool " + proposal.tool());
        };
    }

    private static UUID id(JsonNode args, String field) {
        return UUID.fromString(args.path(field).asString());
    }

    private static UUID optionalId(JsonNode args, String field) {
        return args.hasNonNull(field) ? id(args, field) : null;
    }

    private static String text(JsonNode args, String field) {
        return args.hasNonNull(field) ? args.path(field).asString() : null;
    }

    private static Integer count(JsonNode args) {
        return args.path("count").isNumber() ? args.path("count").asInt() : null;
    }
}
