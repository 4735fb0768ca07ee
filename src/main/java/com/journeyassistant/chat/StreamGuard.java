package com.journeyassistant.chat;

import com.journeyassistant.generation.OutputPolicy;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * Lets a streamed answer through to the client without ever letting through what the output
 * policy refuses. Text is released a few complete words behind the model, and only once the
 * policy has judged it: a span that could still grow into a link, an image, an offer, a figure
 * or a brand (an open bracket, a word that is not finished, the last {@value #HELD_WORDS} words)
 * is held back. A sentence that breaks a rule is not released from the offending span to its
 * end, and a sentence that opens like a claim of an action ("Ik heb …", "I have …") is held
 * until it ends. The final message, checked as a whole, replaces what streamed.
 */
final class StreamGuard {

    static final int HELD_WORDS = 3;
    /** An opening bracket that stays open longer than this is prose, not a link: judge and release it. */
    private static final int MAX_HELD_OPEN = 400;

    private static final List<String> CLAIM_OPENINGS = List.of("ik heb ", "ik ben ", "heb ik ", "we hebben ",
            "wij hebben ", "hebben we ", "i have ", "i've ", "i just ", "we have ", "we've ");

    private final StringBuilder raw = new StringBuilder();
    private final Function<String, List<OutputPolicy.Violation>> judge;
    /** raw[0, decided) has been released or withheld for good. */
    private int decided;
    /** Inside a sentence that broke a rule: nothing more of it is released. */
    private boolean withholding;

    StreamGuard(Function<String, List<OutputPolicy.Violation>> judge) {
        this.judge = judge;
    }

    /** Takes the next piece of the model's text; returns what may be shown now (possibly nothing). */
    String accept(String token) {
        raw.append(token);
        return advance(false);
    }

    /** The model has finished: the rest, judged. */
    String finish() {
        return advance(true);
    }

    private String advance(boolean end) {
        String text = raw.toString();
        int limit = end ? text.length() : safeLimit(text);
        if (limit <= decided) {
            return "";
        }
        int windowStart = OutputPolicy.sentenceStart(text, decided);
        List<OutputPolicy.Violation> spans = judge.apply(text.substring(windowStart, limit));
        StringBuilder out = new StringBuilder();
        int pos = decided;
        int next = 0;
        while (pos < limit) {
            if (withholding) {
                int sentenceEnd = sentenceEnd(text, pos, limit, end);
                pos = sentenceEnd < 0 ? limit : sentenceEnd;
                withholding = sentenceEnd < 0;
                continue;
            }
            while (next < spans.size() && windowStart + spans.get(next).end() <= pos) {
                next++;
            }
            if (next == spans.size()) {
                out.append(text, pos, limit);
                pos = limit;
            } else {
                int spanStart = windowStart + spans.get(next).start();
                if (spanStart > pos) {
                    out.append(text, pos, spanStart);
                    pos = spanStart;
                } else {
                    withholding = true;
                    pos = Math.min(limit, windowStart + spans.get(next).end());
                }
            }
        }
        decided = limit;
        return out.toString();
    }

    /** The end of the sentence that holds {@code from}, within the limit; -1 when it has not ended yet. */
    private static int sentenceEnd(String text, int from, int limit, boolean end) {
        for (int i = from; i < limit; i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                return i;
            }
            if (".!?".indexOf(c) >= 0 && (i + 1 < text.length() ? Character.isWhitespace(text.charAt(i + 1)) : end)) {
                return i + 1;
            }
        }
        return -1;
    }

    /** How far the text can be judged now: complete words only, minus what is held back. */
    private int safeLimit(String text) {
        int limit = text.length();
        while (limit > decided && !Character.isWhitespace(text.charAt(limit - 1))) {
            limit--;
        }
        // hold the last few complete words: the next ones may turn them into a link, a figure or an offer
        int words = 0;
        int i = limit;
        while (i > decided && words < HELD_WORDS) {
            while (i > decided && Character.isWhitespace(text.charAt(i - 1))) {
                i--;
            }
            while (i > decided && !Character.isWhitespace(text.charAt(i - 1))) {
                i--;
            }
            words++;
        }
        limit = words < HELD_WORDS ? decided : i;
        int sentence = OutputPolicy.sentenceStart(text, limit);
        if (sentence >= decided && startsClaim(text, sentence)) {
            limit = Math.min(limit, sentence);
        }
        return Math.max(decided, Math.min(limit, openBracket(text, limit)));
    }

    /** A sentence that opens in the first person ("Ik heb", "We have") may go on to claim an action. */
    private static boolean startsClaim(String text, int sentence) {
        String opening = text.substring(sentence, Math.min(text.length(), sentence + 40)).stripLeading()
                .toLowerCase(java.util.Locale.ROOT).replaceFirst("^[\"'“‘(*-]+\\s*", "");
        return CLAIM_OPENINGS.stream().anyMatch(opening::startsWith);
    }

    /** Where the earliest bracket still open before {@code limit} starts (with a "!" of an image); else the limit. */
    private int openBracket(String text, int limit) {
        Deque<Integer> open = new ArrayDeque<>();
        for (int i = decided; i < limit; i++) {
            char c = text.charAt(i);
            if (c == '[' || c == '(' || c == '<') {
                open.push(i);
            } else if ((c == ']' || c == ')' || c == '>') && !open.isEmpty()) {
                open.pop();
            }
        }
        if (open.isEmpty()) {
            return limit;
        }
        int earliest = open.peekLast();
        if (earliest > 0 && text.charAt(earliest) == '[' && text.charAt(earliest - 1) == '!') {
            earliest--;
        }
        return limit - earliest > MAX_HELD_OPEN ? limit : earliest;
    }
}
