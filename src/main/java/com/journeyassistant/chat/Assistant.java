package com.journeyassistant.chat;

import com.journeyassistant.evidence.PiiRedactor;
import com.journeyassistant.evidence.TextNormalizer;
import com.journeyassistant.generation.AnswerChecks;
import com.journeyassistant.generation.AssistantModel;
import com.journeyassistant.generation.DataFence;
import com.journeyassistant.journey.Journeys;
import com.journeyassistant.platform.ApiProblemException;
import com.journeyassistant.platform.CurrentWorkspace;
import com.journeyassistant.platform.Workspaces;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * One chat turn: the user's message joins the memory, the model answers (streamed), calling
 * tools in between as often as it needs (at most {@value #TOOL_ROUNDS} rounds), and the answer
 * is stored once it is complete. Its citations are checked against the evidence the tools
 * returned in this turn, and its figures and links as generated copy's are; what fails is
 * listed in the answer's {@code problems} (the user has seen the text as it streamed).
 */
@Service
class Assistant {

    static final int TOOL_ROUNDS = 4;
    private static final Logger log = LoggerFactory.getLogger(Assistant.class);
    private static final Pattern REFERENCE = Pattern.compile("\\b([FIK][0-9]{1,3})\\b");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What the client is told as the turn goes. Called on the model client's threads. */
    interface Listener {
        void token(String text);

        void done(Reply reply);

        void failed(ApiProblemException problem);
    }

    record Reply(Conversations.Message message, List<Conversations.Proposal> proposals) {
    }

    /** A running turn; cancel it when the client goes away. */
    static final class Turn {
        private final AtomicBoolean cancelled = new AtomicBoolean();

        void cancel() {
            cancelled.set(true);
        }
    }

    private final AssistantModel model;
    private final ChatTools tools;
    private final Conversations conversations;
    private final Workspaces workspaces;
    private final Journeys journeys;
    private final int memoryTokens;

    Assistant(AssistantModel model, ChatTools tools, Conversations conversations, Workspaces workspaces,
              Journeys journeys, @Value("${journey.chat.memory-tokens:4000}") int memoryTokens) {
        this.model = model;
        this.tools = tools;
        this.conversations = conversations;
        this.workspaces = workspaces;
        this.journeys = journeys;
        this.memoryTokens = memoryTokens;
    }

    /** Stores the user's message and starts the answer; returns at once. */
    Turn start(CurrentWorkspace caller, Conversations.Conversation conversation, String content, Listener listener) {
        model.ensureConfigured();
        conversations.add(conversation.id(), Conversations.Role.USER, content, Conversations.Status.COMPLETE,
                JSON.createArrayNode(), List.of(), List.of(), null, null);
        String brandName = workspaces.findBySlug(caller.slug()).map(Workspaces.Workspace::name).orElse(caller.slug());
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(SystemMessage.from(model.systemPrompt(Map.of(
                "brandName", brandName,
                "journeyContext", conversation.journeyId() == null ? "the conversation is not bound to a journey"
                        : "the journey \"" + DataFence.fence(journeys.get(caller.workspaceId(), conversation.journeyId())
                                .name()) + "\" (id " + conversation.journeyId() + ")",
                "answerLanguage", languageOf(content),
                "today", LocalDate.now().toString()))));
        for (Conversations.Message past : conversations.memory(conversation.id(), memoryTokens)) {
            String text = PiiRedactor.redact(past.content()).text();
            messages.add(past.role() == Conversations.Role.USER ? UserMessage.from(text) : AiMessage.from(text));
        }
        Turn turn = new Turn();
        // what the answer may mention without a tool having shown it: the brand, and what the user said
        Round round = new Round(caller, conversation, messages, listener, turn, brandName + "\n" + content);
        try {
            round.run(1);
        } catch (RuntimeException e) {
            // refused before anything streamed (the circuit is open, say): the turn ends like a failed stream
            round.onError(e);
        }
        return turn;
    }

    private static String languageOf(String text) {
        return switch (TextNormalizer.normalize(text).language()) {
            case "nl" -> "Dutch (Nederlands)";
            case "en" -> "English";
            default -> "the language the user writes in (Dutch or English)";
        };
    }

    /** The state of one turn across its model calls. */
    private final class Round implements StreamingChatResponseHandler {
        private final CurrentWorkspace caller;
        private final Conversations.Conversation conversation;
        private final List<ChatMessage> messages;
        private final Listener listener;
        private final Turn turn;
        private final String allowed;
        private final StringBuilder said = new StringBuilder();
        private final ChatTools.TurnEvidence evidence = new ChatTools.TurnEvidence();
        private final List<Conversations.Proposal> proposals = new ArrayList<>();
        /** The answer is stored once, whichever way the turn ends. */
        private final AtomicBoolean stored = new AtomicBoolean();
        private int round;

        Round(CurrentWorkspace caller, Conversations.Conversation conversation, List<ChatMessage> messages,
              Listener listener, Turn turn, String allowed) {
            this.caller = caller;
            this.allowed = allowed;
            this.conversation = conversation;
            this.messages = messages;
            this.listener = listener;
            this.turn = turn;
        }

        void run(int round) {
            this.round = round;
            // the last round offers no tools, so the model has to answer
            model.stream(messages, round < TOOL_ROUNDS ? tools.specifications() : List.of(), this);
        }

        @Override
        public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
            if (turn.cancelled.get()) {
                context.streamingHandle().cancel();
                interrupted();
                return;
            }
            said.append(partial.text());
            listener.token(partial.text());
        }

        @Override
        public void onCompleteResponse(ChatResponse response) {
            try {
                if (turn.cancelled.get()) {
                    interrupted();
                    return;
                }
                AiMessage ai = response.aiMessage();
                if (ai.hasToolExecutionRequests() && round < TOOL_ROUNDS) {
                    messages.add(ai);
                    for (ToolExecutionRequest request : ai.toolExecutionRequests()) {
                        String result = tools.execute(caller, conversation, request, evidence, proposals);
                        messages.add(ToolExecutionResultMessage.from(request, result));
                    }
                    try {
                        run(round + 1);
                    } catch (RuntimeException e) {
                        onError(e);
                    }
                    return;
                }
                if (said.isEmpty() && ai.text() != null) {
                    said.append(ai.text());
                }
                Reply reply = store(Conversations.Status.COMPLETE, problems());
                if (reply != null) {
                    listener.done(reply);
                }
            } catch (ApiProblemException e) {
                fail(e);
            } catch (RuntimeException e) {
                log.warn("Chat turn failed: {}", e.getClass().getSimpleName());
                fail(new ApiProblemException(HttpStatus.INTERNAL_SERVER_ERROR, "Chat turn failed",
                        "The answer could not be completed", List.of()));
            }
        }

        @Override
        public void onError(Throwable error) {
            if (turn.cancelled.get()) {
                interrupted();
                return;
            }
            // the cause's message may echo what was sent; it is not logged
            log.warn("Chat model failed mid-turn: {}", error.getClass().getSimpleName());
            fail(model.problem(error));
        }

        private void interrupted() {
            store(Conversations.Status.INTERRUPTED, List.of("the client went away before the answer was complete"));
        }

        private void fail(ApiProblemException problem) {
            try {
                store(Conversations.Status.FAILED, List.of(problem.getMessage()));
            } finally {
                listener.failed(problem);
            }
        }

        /** Citations must name evidence a tool returned in this turn. */
        private List<String> problems() {
            List<String> problems = new ArrayList<>();
            Matcher refs = REFERENCE.matcher(said);
            Set<String> unknown = new LinkedHashSet<>();
            while (refs.find()) {
                if (!evidence.byRef().containsKey(refs.group(1))) {
                    unknown.add(refs.group(1));
                }
            }
            unknown.forEach(ref -> problems.add("cites " + ref + ", which no tool returned in this turn"));
            boolean citesSome = REFERENCE.matcher(said).find();
            if (!evidence.byRef().isEmpty() && !citesSome && proposals.isEmpty()) {
                problems.add("uses what the tools found but cites none of it");
            }
            problems.addAll(AnswerChecks.unsupportedClaims(said.toString(), evidence.kpiValues(), allowed));
            return problems;
        }

        private Reply store(Conversations.Status status, List<String> problems) {
            if (!stored.compareAndSet(false, true)) {
                return null;
            }
            ArrayNode citations = JSON.createArrayNode();
            Matcher refs = REFERENCE.matcher(said);
            Set<String> cited = new LinkedHashSet<>();
            while (refs.find()) {
                cited.add(refs.group(1));
            }
            for (String ref : cited) {
                ChatTools.TurnEvidence.Cited c = evidence.byRef().get(ref);
                if (c != null) {
                    citations.addObject().put("ref", ref).put("evidenceId", c.evidenceId().toString())
                            .put("type", c.type()).put("quote", c.quote());
                }
            }
            Conversations.Message message = conversations.add(conversation.id(), Conversations.Role.ASSISTANT,
                    said.toString(), status, citations, proposals.stream().map(Conversations.Proposal::id).toList(),
                    problems, model.modelName(), model.promptVersion());
            return new Reply(message, List.copyOf(proposals));
        }
    }
}
