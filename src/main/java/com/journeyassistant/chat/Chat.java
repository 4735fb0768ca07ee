package com.journeyassistant.chat;

import com.journeyassistant.evidence.PiiRedactor;
import com.journeyassistant.evidence.TextNormalizer;
import com.journeyassistant.generation.DataFence;
import com.journeyassistant.journey.Journeys;
import com.journeyassistant.platform.ApiProblemException;
import com.journeyassistant.platform.AuditTrail;
import com.journeyassistant.platform.Quotas;
import com.journeyassistant.platform.CurrentWorkspace;
import com.journeyassistant.platform.Role;
import com.journeyassistant.suggestions.Suggestions.Suggestion;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Chat with the assistant as other modules (the web workspace) use it: conversations of the
 * caller, messages with their citations and proposals, a turn streamed to a listener, proposals
 * confirmed or declined. Every rule of the API holds here too, since the API goes through it.
 */
@Service
public class Chat {

    public static final int MAX_MESSAGE = 8000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A conversation of the caller. */
    public record Thread(UUID id, UUID journeyId, OffsetDateTime createdAt, int messages) {
    }

    /** A quote an answer cites as {@code ref} ("F1", "I2", "K3"). */
    public record Citation(String ref, UUID evidenceId, String type, String quote) {
    }

    /** A change the assistant proposed; it runs only when a user confirms it. {@code outcome} says why one failed. */
    public record Proposal(UUID id, String summary, String status, String outcome, int suggestionsStored) {
        public boolean open() {
            return status.equals("PROPOSED");
        }
    }

    /**
     * A message of the conversation. {@code confirmationNote}: what the conversation keeps, for the
     * model, about a proposal the user confirmed; people read that on the proposal itself.
     */
    public record Message(UUID id, boolean fromAssistant, String content, String status, List<Citation> citations,
                          List<Proposal> proposals, List<String> problems, boolean confirmationNote,
                          OffsetDateTime createdAt) {
    }

    /** What the client is told as a turn goes; called on the model client's threads. */
    public interface Listener {
        void token(String text);

        void done(Message answer);

        void failed(ApiProblemException problem);
    }

    /** A running turn: cancel it when the reader has gone, which stops the model's stream. */
    public interface Turn {
        void cancel();
    }

    private final Conversations conversations;
    private final Assistant assistant;
    private final ChatTools tools;
    private final Journeys journeys;
    private final AuditTrail audit;
    private final Quotas quotas;

    Chat(Conversations conversations, Assistant assistant, ChatTools tools, Journeys journeys, AuditTrail audit,
         Quotas quotas) {
        this.quotas = quotas;
        this.audit = audit;
        this.conversations = conversations;
        this.assistant = assistant;
        this.tools = tools;
        this.journeys = journeys;
    }

    public Thread start(CurrentWorkspace caller, UUID journeyId) {
        if (journeyId != null) {
            journeys.get(caller.workspaceId(), journeyId);
        }
        Conversations.Conversation conversation = conversations.create(caller, journeyId);
        return new Thread(conversation.id(), journeyId, conversation.createdAt(), 0);
    }

    /** The caller's conversations about a journey (all of them when {@code journeyId} is null), newest first. */
    public List<Thread> threads(CurrentWorkspace caller, UUID journeyId) {
        return conversations.list(caller).stream()
                .filter(summary -> journeyId == null || journeyId.equals(summary.journeyId()))
                .map(summary -> new Thread(summary.id(), summary.journeyId(), summary.createdAt(), summary.messages()))
                .toList();
    }

    /** The conversation's messages, oldest first; 404 when it is not the caller's. */
    public List<Message> messages(CurrentWorkspace caller, UUID conversationId) {
        conversations.get(caller, conversationId);
        Map<UUID, Conversations.Proposal> proposals = conversations.proposals(conversationId).stream()
                .collect(Collectors.toMap(Conversations.Proposal::id, Function.identity()));
        return conversations.messages(conversationId).stream().map(message -> message(message, proposals)).toList();
    }

    public UUID journeyOf(CurrentWorkspace caller, UUID conversationId) {
        return conversations.get(caller, conversationId).journeyId();
    }

    /**
     * Checks and redacts what the user typed, stores it and starts the answer; returns at once.
     * Bad input (empty, too long) is refused here, before anything is stored.
     */
    public Turn send(CurrentWorkspace caller, UUID conversationId, String typed, boolean streamed, Listener listener) {
        Conversations.Conversation conversation = conversations.get(caller, conversationId);
        String content = checked(typed);
        Assistant.Turn turn = assistant.start(caller, conversation, content, streamed, new Assistant.Listener() {
            @Override
            public void token(String text) {
                listener.token(text);
            }

            @Override
            public void done(Assistant.Reply reply) {
                Map<UUID, Conversations.Proposal> proposals = reply.proposals().stream()
                        .collect(Collectors.toMap(Conversations.Proposal::id, Function.identity()));
                listener.done(message(reply.message(), proposals));
            }

            @Override
            public void failed(ApiProblemException problem) {
                listener.failed(problem);
            }
        });
        return turn::cancel;
    }

    Assistant.Turn start(CurrentWorkspace caller, UUID conversationId, String typed, boolean streamed,
                         Assistant.Listener listener) {
        Conversations.Conversation conversation = conversations.get(caller, conversationId);
        String content = checked(typed);
        quotas.admit(caller);
        return assistant.start(caller, conversation, content, streamed, listener);
    }

    /** The message as it may be stored and sent: normalised, personal data redacted; 400/413 when it cannot be. */
    public static String checked(String typed) {
        if (typed == null || typed.isBlank()) {
            throw ApiProblemException.invalid("content", "must not be empty");
        }
        if (typed.length() > MAX_MESSAGE) {
            throw new ApiProblemException(HttpStatus.valueOf(413), "Message too long", "A message has at most "
                    + MAX_MESSAGE + " characters; this one has " + typed.length(),
                    List.of(new ApiProblemException.FieldError("content", "must be at most " + MAX_MESSAGE + " characters")));
        }
        // redacted once, here: only this text is stored, shown, logged or sent to the model
        String content = PiiRedactor.redact(TextNormalizer.normalize(typed).text()).text();
        if (content.isBlank()) {
            throw ApiProblemException.invalid("content", "is empty once invisible and control characters are removed");
        }
        return content;
    }

    public Proposal confirm(CurrentWorkspace caller, UUID conversationId, UUID proposalId) {
        Proposal confirmed = proposal(confirmProposal(caller, conversationId, proposalId));
        audit.record(caller, "proposal.confirmed", "proposal", proposalId, "conversation " + conversationId);
        return confirmed;
    }

    public Proposal decline(CurrentWorkspace caller, UUID conversationId, UUID proposalId) {
        return proposal(declineProposal(caller, conversationId, proposalId));
    }

    /** Runs a proposal as the confirming user (EDITOR); 409 when it was decided already. */
    Conversations.Proposal confirmProposal(CurrentWorkspace caller, UUID conversationId, UUID proposalId) {
        conversations.get(caller, conversationId);
        caller.requireRole(Role.EDITOR);
        Conversations.Proposal proposal = claim(caller, conversationId, proposalId);
        ChatTools.Applied result;
        try {
            result = tools.apply(caller, proposal);
        } catch (ApiProblemException e) {
            conversations.finish(proposalId, Conversations.ProposalStatus.FAILED,
                    JsonNodeFactory.instance.objectNode().put("title", e.title())
                            .put("detail", e.getMessage()), caller.apiKeyName());
            throw e;
        } catch (RuntimeException e) {
            conversations.finish(proposalId, Conversations.ProposalStatus.FAILED, null, caller.apiKeyName());
            throw e;
        }
        conversations.finish(proposalId, Conversations.ProposalStatus.APPLIED,
                JSON.valueToTree(result.generated() != null ? result.generated() : result.reviewed()), caller.apiKeyName());
        // the conversation remembers what was done, so the next question can build on it
        conversations.add(conversationId, Conversations.Role.ASSISTANT, done(proposal, result),
                Conversations.Status.COMPLETE, JsonNodeFactory.instance.arrayNode(), List.of(proposalId), List.of(),
                null, null);
        return conversations.proposal(conversationId, proposalId);
    }

    Conversations.Proposal declineProposal(CurrentWorkspace caller, UUID conversationId, UUID proposalId) {
        claim(caller, conversationId, proposalId);
        conversations.finish(proposalId, Conversations.ProposalStatus.DECLINED, null, caller.apiKeyName());
        return conversations.proposal(conversationId, proposalId);
    }

    /** The caller's proposal, taken out of PROPOSED; 409 when it was decided already. */
    private Conversations.Proposal claim(CurrentWorkspace caller, UUID conversationId, UUID proposalId) {
        conversations.get(caller, conversationId);
        Conversations.Proposal proposal = conversations.proposal(conversationId, proposalId);
        if (!conversations.claim(proposalId)) {
            throw ApiProblemException.conflict("Proposal " + proposalId + " is already " + proposal.status());
        }
        return proposal;
    }

    /** "Done, as confirmed: write 2 content variant(s) … Stored suggestions: <id> (CONTENT_VARIANT) "subject"; …" */
    static String done(Conversations.Proposal proposal, ChatTools.Applied result) {
        StringBuilder text = new StringBuilder("Done, as confirmed: " + proposal.summary() + ".");
        if (result.generated() != null) {
            text.append(" Stored suggestions:");
            for (Suggestion s : result.generated().suggestions()) {
                text.append(' ').append(s.id()).append(" (").append(s.kind()).append(") \"")
                        .append(DataFence.fence(s.headline())).append("\";");
            }
        } else {
            text.append(" Suggestion ").append(result.reviewed().id()).append(" is now ")
                    .append(result.reviewed().status()).append('.');
        }
        return text.toString();
    }

    private static Message message(Conversations.Message message, Map<UUID, Conversations.Proposal> proposals) {
        List<Citation> citations = new ArrayList<>();
        for (JsonNode cited : message.citations()) {
            citations.add(new Citation(cited.path("ref").asString(), UUID.fromString(cited.path("evidenceId").asString()),
                    cited.path("type").asString(), cited.path("quote").asString()));
        }
        List<Proposal> offered = message.proposalIds().stream().map(proposals::get)
                .filter(java.util.Objects::nonNull).map(Chat::proposal).toList();
        return new Message(message.id(), message.role() == Conversations.Role.ASSISTANT, message.content(),
                message.status().name(), List.copyOf(citations), offered, message.problems(),
                message.role() == Conversations.Role.ASSISTANT && message.model() == null && !offered.isEmpty(),
                message.createdAt());
    }

    private static Proposal proposal(Conversations.Proposal proposal) {
        JsonNode result = proposal.result();
        String outcome = proposal.status() == Conversations.ProposalStatus.FAILED && result != null
                ? result.path("detail").asString("") : null;
        int stored = result != null && result.has("suggestions") ? result.path("suggestions").size() : 0;
        return new Proposal(proposal.id(), proposal.summary(), proposal.status().name(), outcome, stored);
    }
}
