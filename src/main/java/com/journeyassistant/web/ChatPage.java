package com.journeyassistant.web;

import com.journeyassistant.chat.Chat;
import com.journeyassistant.journey.Journeys;
import com.journeyassistant.platform.ApiProblemException;
import com.journeyassistant.platform.CurrentWorkspace;
import com.journeyassistant.platform.Handoffs;
import com.journeyassistant.platform.WorkspaceUser;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.util.StringUtils;

/**
 * Chatting with the assistant about a journey. Sending a message answers at once with the
 * user's message and a placeholder that opens an event stream; the answer's words are appended
 * to it as the model writes them, and the checked answer (citations as chips, proposals as
 * cards with Confirm and Decline) replaces it at the end. Without JavaScript the form posts and
 * the page shows the answer once it is complete.
 */
@Controller
class ChatPage {

    /** The CSRF field forms rendered outside the request carry, read while the request is still there. */
    record CsrfField(String name, String value) {
        static CsrfField of(CsrfToken token) {
            return new CsrfField(token.getParameterName(), token.getToken());
        }
    }

    private static final Duration PENDING_FOR = Duration.ofMinutes(2);

    private final Chat chat;
    private final Journeys journeys;
    private final ITemplateEngine templates;
    private final MessageSource messages;
    private final Duration turnTimeout;
    private final Handoffs handoffs;
    private final OnceOnly once;

    ChatPage(Chat chat, Journeys journeys, ITemplateEngine templates, MessageSource messages, Handoffs handoffs,
             OnceOnly once, @Value("${journey.chat.turn-timeout:PT5M}") Duration turnTimeout) {
        this.handoffs = handoffs;
        this.once = once;
        this.chat = chat;
        this.journeys = journeys;
        this.templates = templates;
        this.messages = messages;
        this.turnTimeout = turnTimeout;
    }

    @GetMapping("/journeys/{id}/chat")
    String latest(@AuthenticationPrincipal WorkspaceUser user, @PathVariable UUID id, Model model) {
        CurrentWorkspace caller = user.workspace();
        journeys.get(caller.workspaceId(), id);
        List<Chat.Thread> threads = chat.threads(caller, id);
        UUID conversation = threads.isEmpty() ? chat.start(caller, id).id() : threads.get(0).id();
        return "redirect:/journeys/" + id + "/chat/" + conversation;
    }

    @PostMapping("/journeys/{id}/chat")
    String startAnother(@AuthenticationPrincipal WorkspaceUser user, @PathVariable UUID id,
                        @RequestParam(name = OnceOnly.FIELD, required = false) String submission) {
        return once.submit(user.workspace(), submission,
                () -> "redirect:/journeys/" + id + "/chat/" + chat.start(user.workspace(), id).id());
    }

    @GetMapping("/journeys/{id}/chat/{conversation}")
    String conversation(@AuthenticationPrincipal WorkspaceUser user, @PathVariable UUID id,
                        @PathVariable UUID conversation, CsrfToken csrf, Model model) {
        CurrentWorkspace caller = user.workspace();
        requireJourney(caller, id, conversation);
        model.addAttribute("user", user);
        model.addAttribute("journey", journeys.get(caller.workspaceId(), id));
        model.addAttribute("threads", chat.threads(caller, id));
        model.addAttribute("current", conversation);
        model.addAttribute("messages", chat.messages(caller, conversation).stream()
                .filter(message -> !message.confirmationNote())
                .map(message -> ChatView.of(message, id, conversation)).toList());
        model.addAttribute("csrf", CsrfField.of(csrf));
        model.addAttribute("maxLength", Chat.MAX_MESSAGE);
        return "chat";
    }

    /** With htmx: the user's message and the placeholder its answer streams into. Without: the answer, then the page. */
    @PostMapping("/journeys/{id}/chat/{conversation}/messages")
    Object send(@AuthenticationPrincipal WorkspaceUser user, @PathVariable UUID id, @PathVariable UUID conversation,
                @RequestParam(defaultValue = "") String content,
                @RequestParam(name = OnceOnly.FIELD, required = false) String submission, Locale locale,
                @RequestHeader(value = "HX-Request", required = false) String htmx) {
        CurrentWorkspace caller = user.workspace();
        requireJourney(caller, id, conversation);
        if (htmx == null) {
            // the page is sent again with a new token after each message; with htmx the button waits instead
            return once.submit(caller, submission, () -> {
                answerNow(caller, conversation, content);
                return "redirect:/journeys/" + id + "/chat/" + conversation;
            });
        }
        String shown;
        try {
            shown = Chat.checked(content);
        } catch (ApiProblemException problem) {
            return html(render("warning", locale, Map.of("problem", describe(problem, locale))));
        }
        // a message waiting for its answer stream, in the database: the stream may open on another instance
        UUID turn = handoffs.park(caller, Handoffs.Kind.CHAT_TURN, Map.of("journeyId", id.toString(),
                "conversationId", conversation.toString(), "text", content), null);
        return html(render("pending", locale, Map.of("text", shown, "streamPath", "/chat/turns/" + turn)));
    }

    /** From the panel beside the canvas: the message goes to the user's latest conversation about the journey. */
    @PostMapping("/journeys/{id}/chat/latest/messages")
    Object sendToLatest(@AuthenticationPrincipal WorkspaceUser user, @PathVariable UUID id,
                        @RequestParam(defaultValue = "") String content,
                        @RequestParam(name = OnceOnly.FIELD, required = false) String submission, Locale locale,
                        @RequestHeader(value = "HX-Request", required = false) String htmx) {
        CurrentWorkspace caller = user.workspace();
        journeys.get(caller.workspaceId(), id);
        List<Chat.Thread> threads = chat.threads(caller, id);
        UUID conversation = threads.isEmpty() ? chat.start(caller, id).id() : threads.get(0).id();
        return send(user, id, conversation, content, submission, locale, htmx);
    }

    /** The answer to a pending message, as server-sent events: "token" (escaped text), then "done" (the message). */
    @GetMapping(value = "/chat/turns/{turn}", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ResponseBody
    SseEmitter stream(@AuthenticationPrincipal WorkspaceUser user, @PathVariable UUID turn, CsrfToken csrf,
                      Locale locale) {
        SseEmitter emitter = new SseEmitter(turnTimeout.toMillis());
        CsrfField csrfField = CsrfField.of(csrf);
        CurrentWorkspace caller = user.workspace();
        Handoffs.Handoff sent = handoffs.take(caller, Handoffs.Kind.CHAT_TURN, turn, PENDING_FOR).orElse(null);
        if (sent == null) {
            // opened twice (a reconnect) or not this user's: the page is told to reload the conversation
            send(emitter, "done", render("warning", locale, Map.of("problem",
                    messages.getMessage("chat.gone", null, locale))));
            emitter.complete();
            return emitter;
        }
        handoffs.release(turn);
        UUID journeyId = UUID.fromString(sent.detail("journeyId"));
        UUID conversationId = UUID.fromString(sent.detail("conversationId"));
        Chat.Turn[] running = new Chat.Turn[1];
        Runnable hangUp = () -> {
            if (running[0] != null) {
                running[0].cancel();
            }
        };
        emitter.onCompletion(hangUp);
        emitter.onTimeout(hangUp);
        emitter.onError(e -> hangUp.run());
        try {
            running[0] = chat.send(caller, conversationId, sent.detail("text"), true, new Chat.Listener() {
                @Override
                public void token(String text) {
                    if (!send(emitter, "token", StringUtils.escapeXml(text))) {
                        hangUp.run();
                    }
                }

                @Override
                public void done(Chat.Message answer) {
                    if (send(emitter, "done", render("message", locale, Map.of("m",
                            ChatView.of(answer, journeyId, conversationId), "csrf", csrfField)))) {
                        emitter.complete();
                    }
                }

                @Override
                public void failed(ApiProblemException problem) {
                    if (send(emitter, "done", render("warning", locale, Map.of("problem", describe(problem, locale))))) {
                        emitter.complete();
                    }
                }
            });
        } catch (ApiProblemException problem) {
            send(emitter, "done", render("warning", locale, Map.of("problem", describe(problem, locale))));
            emitter.complete();
        }
        return emitter;
    }

    @PostMapping("/journeys/{id}/chat/{conversation}/proposals/{proposal}/{decision}")
    Object decide(@AuthenticationPrincipal WorkspaceUser user, @PathVariable UUID id, @PathVariable UUID conversation,
                  @PathVariable UUID proposal, @PathVariable String decision, CsrfToken csrf, Locale locale,
                  @RequestHeader(value = "HX-Request", required = false) String htmx) {
        CurrentWorkspace caller = user.workspace();
        requireJourney(caller, id, conversation);
        Chat.Proposal decided;
        String problem = null;
        try {
            decided = switch (decision) {
                case "confirm" -> chat.confirm(caller, conversation, proposal);
                case "decline" -> chat.decline(caller, conversation, proposal);
                default -> throw ApiProblemException.notFound("Decision", decision);
            };
        } catch (ApiProblemException e) {
            if (e.status().value() == 404) {
                throw e;
            }
            problem = describe(e, locale);
            decided = chat.messages(caller, conversation).stream().flatMap(m -> m.proposals().stream())
                    .filter(p -> p.id().equals(proposal)).findFirst()
                    .orElseThrow(() -> ApiProblemException.notFound("Proposal", proposal));
        }
        if (htmx == null) {
            return "redirect:/journeys/" + id + "/chat/" + conversation;
        }
        Map<String, Object> variables = new java.util.HashMap<>();
        variables.put("p", decided);
        variables.put("path", "/journeys/" + id + "/chat/" + conversation);
        variables.put("reviewPath", "/journeys/" + id + "/review");
        variables.put("csrf", CsrfField.of(csrf));
        variables.put("problem", problem);
        return html(render("proposal", locale, variables));
    }

    private void answerNow(CurrentWorkspace caller, UUID conversation, String content) {
        CompletableFuture<Chat.Message> answer = new CompletableFuture<>();
        Chat.Turn turn = chat.send(caller, conversation, content, false, new Chat.Listener() {
            @Override
            public void token(String text) {
            }

            @Override
            public void done(Chat.Message message) {
                answer.complete(message);
            }

            @Override
            public void failed(ApiProblemException problem) {
                answer.completeExceptionally(problem);
            }
        });
        try {
            answer.get(turnTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ApiProblemException problem) {
                throw problem;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            turn.cancel();
        } catch (InterruptedException e) {
            turn.cancel();
            Thread.currentThread().interrupt();
        }
    }

    private void requireJourney(CurrentWorkspace caller, UUID journeyId, UUID conversation) {
        journeys.get(caller.workspaceId(), journeyId);
        if (!journeyId.equals(chat.journeyOf(caller, conversation))) {
            throw ApiProblemException.notFound("Conversation", conversation);
        }
    }

    private String describe(ApiProblemException problem, Locale locale) {
        String key = "chat.problem." + problem.status().value();
        return messages.getMessage(key, new Object[] {problem.getMessage()}, problem.title() + ": " + problem.getMessage(),
                locale);
    }

    private String render(String fragment, Locale locale, Map<String, Object> variables) {
        Context context = new Context(locale, variables);
        return templates.process("chat-parts", java.util.Set.of(fragment), context);
    }

    private static boolean send(SseEmitter emitter, String event, String html) {
        try {
            emitter.send(SseEmitter.event().name(event).data(html, MediaType.TEXT_HTML));
            return true;
        } catch (IOException | IllegalStateException e) {
            return false;
        }
    }

    private static org.springframework.http.ResponseEntity<String> html(String body) {
        return org.springframework.http.ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(body);
    }

}
