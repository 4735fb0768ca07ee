package com.journeyassistant.chat;

import com.journeyassistant.evidence.PiiRedactor;
import com.journeyassistant.evidence.TextNormalizer;
import io.micrometer.core.instrument.MeterRegistry;
import com.journeyassistant.generation.OutputPolicy;
import com.journeyassistant.journey.BrandProfiles;
import com.journeyassistant.generation.DataFence;
import com.journeyassistant.journey.Journeys;
import com.journeyassistant.model.TokenCount;
import com.journeyassistant.platform.ApiProblemException;
import com.journeyassistant.platform.CurrentWorkspace;
import com.journeyassistant.platform.Quotas;
import com.journeyassistant.platform.TenantScope;
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
 * One chat turn: the user's message (already redacted) joins the memory, the model answers,
 * calling tools in between as often as it needs (at most {@value #TOOL_ROUNDS} rounds), and
 * the answer passes the {@link OutputPolicy} before anyone sees or remembers it.
 * <ul>
 *   <li>Streamed: tokens go out through a {@link StreamGuard}, which holds back what could still
 *       turn into refused content; the final message carries the checked text that replaces
 *       what streamed.</li>
 *   <li>As one document: an answer that breaks a rule gets one repair round with the problems
 *       listed; if it still breaks one, the sentences that do are left out.</li>
 * </ul>
 * Only the checked text is stored as the message and replayed as memory; what the model wrote
 * is kept beside it for an admin's audit when the check took something out.
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
    private final BrandProfiles brandProfiles;
    private final MeterRegistry meters;
    private final Quotas quotas;
    private final int memoryTokens;

    Assistant(AssistantModel model, ChatTools tools, Conversations conversations, Workspaces workspaces,
              Journeys journeys, BrandProfiles brandProfiles, MeterRegistry meters, Quotas quotas,
              @Value("${journey.chat.memory-tokens:4000}") int memoryTokens) {
        this.quotas = quotas;
        this.model = model;
        this.tools = tools;
        this.conversations = conversations;
        this.workspaces = workspaces;
        this.journeys = journeys;
        this.brandProfiles = brandProfiles;
        this.meters = meters;
        this.memoryTokens = memoryTokens;
    }

    /**
     * Stores the user's message and starts the answer; returns at once. {@code content} is
     * stored and sent as it is: the caller has redacted it.
     */
    Turn start(CurrentWorkspace caller, Conversations.Conversation conversation, String content, boolean streamed,
               Listener listener) {
        model.ensureConfigured();
        conversations.add(conversation.id(), Conversations.Role.USER, content, Conversations.Status.COMPLETE,
                JSON.createArrayNode(), List.of(), List.of(), null, null);
        String brandName = workspaces.findBySlug(caller.slug()).map(Workspaces.Workspace::name).orElse(caller.slug());
        String answerLanguage = languageOf(content);
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(SystemMessage.from(model.systemPrompt(Map.of(
                "brandName", brandName,
                "journeyContext", conversation.journeyId() == null ? "the conversation is not bound to a journey"
                        : "the journey \"" + DataFence.fence(journeys.get(caller.workspaceId(), conversation.journeyId())
                                .name()) + "\" (id " + conversation.journeyId() + ")",
                "answerLanguage", answerLanguage,
                "today", LocalDate.now().toString()))));
        // what the answer may repeat without a tool showing it: the brand, the memory (checked), what the user said
        StringBuilder allowedText = new StringBuilder(brandName).append('\n')
                .append(brandProfiles.get(caller.workspaceId()).ownWords());
        for (Conversations.Message past : conversations.memory(conversation.id(), memoryTokens)) {
            String text = PiiRedactor.redact(past.content()).text();
            messages.add(past.role() == Conversations.Role.USER ? UserMessage.from(text) : AiMessage.from(text));
            allowedText.append('\n').append(text);
        }
        Turn turn = new Turn();
        Round round = new Round(caller, conversation, messages, listener, turn, allowedText.toString(), streamed,
                answerLanguage);
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

    /** The answer as it may be shown and remembered, what was wrong with what the model wrote, and that text. */
    private record Checked(String text, List<String> problems, boolean cut) {
    }

    /** The state of one turn across its model calls. */
    private final class Round implements StreamingChatResponseHandler {
        private final CurrentWorkspace caller;
        private final Conversations.Conversation conversation;
        private final List<ChatMessage> messages;
        private final Listener listener;
        private final Turn turn;
        private final String allowedText;
        private final boolean streamed;
        private final String answerLanguage;
        private final StringBuilder said = new StringBuilder();
        /** What the model wrote in answers the check refused, for the audit. */
        private final List<String> refused = new ArrayList<>();
        private final ChatTools.TurnEvidence evidence = new ChatTools.TurnEvidence();
        private final List<Conversations.Proposal> proposals = new ArrayList<>();
        private final StreamGuard guard;
        /** The answer is stored once, whichever way the turn ends. */
        private final AtomicBoolean stored = new AtomicBoolean();
        private OutputPolicy.Allowed allowed;
        private boolean repaired;
        private int round;

        Round(CurrentWorkspace caller, Conversations.Conversation conversation, List<ChatMessage> messages,
              Listener listener, Turn turn, String allowedText, boolean streamed, String answerLanguage) {
            this.caller = caller;
            this.conversation = conversation;
            this.messages = messages;
            this.listener = listener;
            this.turn = turn;
            this.allowedText = allowedText;
            this.streamed = streamed;
            this.answerLanguage = answerLanguage;
            this.guard = new StreamGuard(window -> OutputPolicy.check("the answer", window, allowed()));
        }

        void run(int round) {
            this.round = round;
            // the last round offers no tools, so the model has to answer
            model.stream(messages, round < TOOL_ROUNDS ? tools.specifications() : List.of(), this);
        }

        /** Built again whenever the tools have shown more: their map text and KPIs become allowed. */
        private OutputPolicy.Allowed allowed() {
            if (allowed == null) {
                allowed = OutputPolicy.Allowed.of(allowedText + "\n" + evidence.mapText(), evidence.kpiValues(),
                        evidence.customerTexts()).refusingActionClaims();
            }
            return allowed;
        }

        @Override
        public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
            if (turn.cancelled.get()) {
                context.streamingHandle().cancel();
                // on the model client's thread, like the other callbacks: the caller's walls hold for what is stored
                TenantScope.asCaller(caller, this::interrupted);
                return;
            }
            OutputPolicy.Stripped token = OutputPolicy.stripHidden(partial.text());
            countHidden(token.removed());
            said.append(token.text());
            if (streamed) {
                String shown = guard.accept(token.text());
                if (!shown.isEmpty()) {
                    listener.token(shown);
                }
            }
        }

        /**
         * What the round cost, as the provider reports it; else estimated from what was sent and answered. We ask for
         * usage in every stream, but some OpenAI-compatible servers leave it out, and quotas must hold all the same.
         */
        private int tokensSpent(ChatResponse response, AiMessage ai) {
            if (response.tokenUsage() != null && response.tokenUsage().totalTokenCount() != null) {
                return response.tokenUsage().totalTokenCount();
            }
            return TokenCount.of(messages) + TokenCount.of(List.of(ai));
        }

        /** The model's callbacks come on its client's threads: the caller's workspace is walled in there too. */
        @Override
        public void onCompleteResponse(ChatResponse response) {
            TenantScope.asCaller(caller, () -> complete(response));
        }

        private void complete(ChatResponse response) {
            try {
                if (turn.cancelled.get()) {
                    interrupted();
                    return;
                }
                AiMessage ai = response.aiMessage();
                quotas.spend(caller, tokensSpent(response, ai));
                if (ai.hasToolExecutionRequests() && round < TOOL_ROUNDS) {
                    messages.add(ai);
                    for (ToolExecutionRequest request : ai.toolExecutionRequests()) {
                        String result = tools.execute(caller, conversation, request, evidence, proposals, allowed());
                        messages.add(ToolExecutionResultMessage.from(request, result));
                    }
                    allowed = null;
                    try {
                        run(round + 1);
                    } catch (RuntimeException e) {
                        onError(e);
                    }
                    return;
                }
                if (said.isEmpty() && ai.text() != null) {
                    OutputPolicy.Stripped text = OutputPolicy.stripHidden(ai.text());
                    countHidden(text.removed());
                    said.append(text.text());
                    if (streamed) {
                        guard.accept(text.text());
                    }
                }
                Checked checked = check(said.toString());
                if (!streamed && !repaired && checked.cut()) {
                    repair(checked);
                    return;
                }
                if (streamed) {
                    String rest = guard.finish();
                    if (!rest.isEmpty()) {
                        listener.token(rest);
                    }
                }
                Reply reply = store(Conversations.Status.COMPLETE, checked);
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

        /** One more round, without tools, asking for the answer again without what broke the rules. */
        private void repair(Checked checked) {
            repaired = true;
            refused.add(said.toString());
            messages.add(AiMessage.from(said.toString().isEmpty() ? "(empty)" : said.toString()));
            messages.add(UserMessage.from(model.repairPrompt(Map.of("problems", checked.problems().stream()
                    .map(p -> "- " + p).collect(java.util.stream.Collectors.joining("\n")),
                    "answerLanguage", answerLanguage))));
            said.setLength(0);
            try {
                run(TOOL_ROUNDS);
            } catch (RuntimeException e) {
                onError(e);
            }
        }

        @Override
        public void onError(Throwable error) {
            TenantScope.asCaller(caller, () -> failed(error));
        }

        private void failed(Throwable error) {
            if (turn.cancelled.get()) {
                interrupted();
                return;
            }
            // the cause's message may echo what was sent; it is not logged
            log.warn("Chat model failed mid-turn: {}", error.getClass().getSimpleName());
            fail(model.problem(error));
        }

        private void interrupted() {
            storePartial(Conversations.Status.INTERRUPTED, "the client went away before the answer was complete");
        }

        private void fail(ApiProblemException problem) {
            try {
                storePartial(Conversations.Status.FAILED, problem.getMessage());
            } finally {
                listener.failed(problem);
            }
        }

        /** What the model wrote before the turn broke off, checked like a whole answer, with why it ended. */
        private void storePartial(Conversations.Status status, String why) {
            Checked partial = check(said.toString());
            List<String> problems = new ArrayList<>(partial.problems());
            problems.add(why);
            store(status, new Checked(partial.text(), problems, partial.cut()));
        }

        /**
         * The answer through the output policy; references no tool returned in this turn are
         * taken out too. Problems name the rule, never the text.
         */
        private Checked check(String text) {
            List<OutputPolicy.Violation> violations = OutputPolicy.check("the answer", text, allowed());
            Set<String> problems = new LinkedHashSet<>();
            violations.forEach(v -> problems.add(v.ruleMessage()));
            String shown = OutputPolicy.withoutViolations(text, violations);
            Set<String> unknown = new LinkedHashSet<>();
            Matcher refs = REFERENCE.matcher(shown);
            while (refs.find()) {
                if (!evidence.byRef().containsKey(refs.group(1))) {
                    unknown.add(refs.group(1));
                }
            }
            for (String ref : unknown) {
                problems.add("the answer cites " + ref + ", which no tool returned in this turn");
                shown = shown.replaceAll("\\b" + ref + "\\b", "");
            }
            if (!unknown.isEmpty()) {
                shown = shown.replaceAll("\\[\\s*(?:,\\s*)*]", "").replaceAll("\\[\\s*,\\s*", "[")
                        .replaceAll(",\\s*]", "]").replaceAll(" {2,}", " ").replaceAll(" ([.,;:!?])", "$1").strip();
            }
            boolean cut = !violations.isEmpty() || !unknown.isEmpty();
            if (cut && shown.isBlank() && !text.isBlank()) {
                shown = answerLanguage.startsWith("Dutch")
                        ? "(Dit antwoord is weggelaten: het hield zich niet aan de regels voor wat de assistent mag"
                                + " tonen. Stel je vraag gerust opnieuw.)"
                        : "(This answer was withheld: it broke the rules for what the assistant may show. Please ask"
                                + " again.)";
            }
            boolean citesSome = REFERENCE.matcher(shown).find();
            if (!evidence.byRef().isEmpty() && !citesSome && proposals.isEmpty()) {
                problems.add("the answer uses what the tools found but cites none of it");
            }
            return new Checked(shown, List.copyOf(problems), cut);
        }

        private Reply store(Conversations.Status status, Checked checked) {
            if (!stored.compareAndSet(false, true)) {
                return null;
            }
            ArrayNode citations = JSON.createArrayNode();
            Matcher refs = REFERENCE.matcher(checked.text());
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
            if (checked.cut()) {
                refused.add(said.toString());
            }
            String audit = refused.isEmpty() ? null
                    : PiiRedactor.redact(String.join("\n----- repaired as -----\n", refused)).text();
            Conversations.Message message = conversations.add(conversation.id(), Conversations.Role.ASSISTANT,
                    checked.text(), audit, status, citations, proposals.stream().map(Conversations.Proposal::id).toList(),
                    checked.problems(), model.modelName(), model.promptVersion());
            return new Reply(message, List.copyOf(proposals));
        }
    }

    private void countHidden(int removed) {
        if (removed > 0) {
            meters.counter("journey.output.hidden-characters", "job", "chat").increment(removed);
        }
    }
}
