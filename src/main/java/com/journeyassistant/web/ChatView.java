package com.journeyassistant.web;

import com.journeyassistant.chat.Chat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A chat message as the page shows it: the model's text as plain text in paragraphs (never
 * HTML, never links or images), each reference it cites ("F1") a chip that opens the quote.
 */
record ChatView(Chat.Message message, List<List<Piece>> paragraphs, String conversationPath, String reviewPath) {

    private static final Pattern REFERENCE = Pattern.compile("\\[?\\b([FIK][0-9]{1,3})\\b]?");

    /** Text, or a cited reference with its quote ({@code citation} null for plain text). */
    record Piece(String text, Chat.Citation citation, String popoverId) {
    }

    static ChatView of(Chat.Message message, UUID journeyId, UUID conversationId) {
        Map<String, Chat.Citation> cited = message.citations().stream()
                .collect(Collectors.toMap(Chat.Citation::ref, Function.identity(), (a, b) -> a));
        List<List<Piece>> paragraphs = new ArrayList<>();
        for (String paragraph : message.content().split("\\n\\s*\\n")) {
            if (!paragraph.isBlank()) {
                paragraphs.add(pieces(paragraph.strip(), cited, message.id()));
            }
        }
        return new ChatView(message, paragraphs, "/journeys/" + journeyId + "/chat/" + conversationId,
                "/journeys/" + journeyId + "/review");
    }

    private static List<Piece> pieces(String text, Map<String, Chat.Citation> cited, UUID messageId) {
        List<Piece> pieces = new ArrayList<>();
        Matcher refs = REFERENCE.matcher(text);
        int at = 0;
        while (refs.find()) {
            Chat.Citation citation = cited.get(refs.group(1));
            if (citation == null) {
                continue;
            }
            if (refs.start() > at) {
                pieces.add(new Piece(text.substring(at, refs.start()), null, null));
            }
            pieces.add(new Piece(citation.ref(), citation, "quote-" + messageId + "-" + citation.ref()));
            at = refs.end();
        }
        if (at < text.length()) {
            pieces.add(new Piece(text.substring(at), null, null));
        }
        return pieces;
    }
}
