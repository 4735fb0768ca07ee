package com.journeyassistant.chat;

import com.journeyassistant.platform.ApiProblemException;
import com.journeyassistant.platform.CurrentWorkspace;
import com.journeyassistant.platform.Role;
import io.swagger.v3.oas.annotations.Operation;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@Tag(name = "Chat", description = "Conversations with the assistant about a journey, streamed or not")
@RestController
@RequestMapping("/api/workspaces/{ws}/conversations")
class ChatController {

    private final Conversations conversations;
    private final Chat chat;
    private final Duration turnTimeout;

    ChatController(Conversations conversations, Chat chat,
                   @Value("${journey.chat.turn-timeout:PT5M}") Duration turnTimeout) {
        this.conversations = conversations;
        this.chat = chat;
        this.turnTimeout = turnTimeout;
    }

    record NewConversation(UUID journeyId) {
    }

    record NewMessage(String content) {
    }

    record History(UUID id, UUID journeyId, java.time.OffsetDateTime createdAt, List<Conversations.Message> messages,
                   List<Conversations.Proposal> proposals) {
    }

    @Operation(operationId = "createConversation", summary = "Start a conversation with the assistant, optionally about one journey",
            description = "Only the API key that starts a conversation can read it or write to it.")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    History create(@AuthenticationPrincipal CurrentWorkspace caller, @RequestBody(required = false) NewConversation body) {
        Chat.Thread thread = chat.start(caller, body == null ? null : body.journeyId());
        return new History(thread.id(), thread.journeyId(), thread.createdAt(), List.of(), List.of());
    }

    @Operation(operationId = "listConversations", summary = "The conversations the calling API key started, newest first")
    @GetMapping
    List<Conversations.Summary> list(@AuthenticationPrincipal CurrentWorkspace caller) {
        return conversations.list(caller);
    }

    @Operation(summary = "A conversation with its messages and the proposals made in it")
    @GetMapping("/{id}")
    History history(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID id) {
        Conversations.Conversation conversation = conversations.get(caller, id);
        return new History(id, conversation.journeyId(), conversation.createdAt(), conversations.messages(id),
                conversations.proposals(id));
    }

    @Operation(summary = "Send a message; the answer streams as server-sent events when the client accepts them",
            description = "Body: content (1 to 8,000 characters). With Accept: text/event-stream: 'token' events"
                    + " ({text}), then one 'message' event ({message, proposals}) or an 'error' event (a problem)."
                    + " Otherwise one JSON document {message, proposals}. Proposals change nothing until confirmed.")
    @ApiResponse(responseCode = "200", description = "The assistant's answer, streamed or as one document",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = Assistant.Reply.class)),
                    @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, schema = @Schema(type = "string",
                            description = "token events ({text}), then one message event ({message, proposals})"
                                    + " or an error event (a problem document)"))})
    @ApiResponse(responseCode = "504", description = "The answer took longer than the turn may",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(ref = "#/components/schemas/Problem")))
    @PostMapping("/{id}/messages")
    Object send(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID id,
                @RequestBody(required = false) NewMessage body,
                @RequestHeader(value = "Accept", required = false) String accept) {
        String typed = body == null ? null : body.content();
        if (accept != null && accept.contains(MediaType.TEXT_EVENT_STREAM_VALUE)) {
            return stream(caller, id, typed);
        }
        // answered asynchronously: no request thread waits while the model writes
        DeferredResult<Assistant.Reply> reply = new DeferredResult<>(turnTimeout.toMillis());
        Assistant.Turn turn = chat.start(caller, id, typed, false, new Assistant.Listener() {
            @Override
            public void token(String text) {
            }

            @Override
            public void done(Assistant.Reply r) {
                reply.setResult(r);
            }

            @Override
            public void failed(ApiProblemException problem) {
                reply.setErrorResult(problem);
            }
        });
        reply.onTimeout(() -> {
            turn.cancel();
            reply.setErrorResult(new ApiProblemException(HttpStatus.GATEWAY_TIMEOUT, "Answer took too long",
                    "The assistant did not finish within " + turnTimeout, List.of()));
        });
        return reply;
    }

    private SseEmitter stream(CurrentWorkspace caller, UUID conversationId, String typed) {
        SseEmitter emitter = new SseEmitter(turnTimeout.toMillis());
        Assistant.Turn[] turn = new Assistant.Turn[1];
        Assistant.Listener listener = new Assistant.Listener() {
            @Override
            public void token(String text) {
                send("token", Map.of("text", text));
            }

            @Override
            public void done(Assistant.Reply reply) {
                if (send("message", reply)) {
                    emitter.complete();
                }
            }

            @Override
            public void failed(ApiProblemException problem) {
                if (send("error", Map.of("type", "about:blank", "title", problem.title(), "status",
                        problem.status().value(), "detail", problem.getMessage()))) {
                    emitter.complete();
                }
            }

            /** False when the client has gone: the turn is cancelled, which stops the model's stream. */
            private boolean send(String event, Object data) {
                try {
                    emitter.send(SseEmitter.event().name(event).data(data, MediaType.APPLICATION_JSON));
                    return true;
                } catch (IOException | IllegalStateException e) {
                    cancel();
                    return false;
                }
            }

            private void cancel() {
                if (turn[0] != null) {
                    turn[0].cancel();
                }
            }
        };
        Runnable hangUp = () -> {
            if (turn[0] != null) {
                turn[0].cancel();
            }
        };
        emitter.onCompletion(hangUp);
        emitter.onTimeout(hangUp);
        emitter.onError(e -> hangUp.run());
        turn[0] = chat.start(caller, conversationId, typed, true, listener);
        return emitter;
    }

    @Operation(summary = "Answers the output policy cut, with what the model wrote (ADMIN): for auditing attacks",
            description = "Newest first, at most 200. What the model wrote is kept here only: it is never shown in"
                    + " the conversation nor replayed to the model.")
    @GetMapping("/refused-answers")
    List<Conversations.RefusedAnswer> refusedAnswers(@AuthenticationPrincipal CurrentWorkspace caller) {
        caller.requireRole(Role.ADMIN);
        return conversations.refused(caller.workspaceId(), 200);
    }

    @Operation(summary = "Confirm a proposal: it runs now, as the confirming user (EDITOR)")
    @PostMapping("/{id}/proposals/{proposalId}/confirm")
    Conversations.Proposal confirm(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID id,
                                   @PathVariable UUID proposalId) {
        return chat.confirmProposal(caller, id, proposalId);
    }

    @Operation(summary = "Decline a proposal: it will never run")
    @PostMapping("/{id}/proposals/{proposalId}/decline")
    Conversations.Proposal decline(@AuthenticationPrincipal CurrentWorkspace caller, @PathVariable UUID id,
                                   @PathVariable UUID proposalId) {
        return chat.declineProposal(caller, id, proposalId);
    }
}
