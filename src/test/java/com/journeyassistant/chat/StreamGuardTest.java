package com.journeyassistant.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.journeyassistant.generation.OutputPolicy;
import com.journeyassistant.support.Payloads;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Streamed tokens never carry what the output policy refuses, however the model splits its
 * text: word by word, a few characters at a time, or one character at a time.
 */
class StreamGuardTest {

    private static final OutputPolicy.Allowed ALLOWED = OutputPolicy.Allowed.of("Trapkracht\nproefrit",
            List.of(new BigDecimal("71.2")), List.of("Bij Fietsenwinkel Noord ging het sneller.")).refusingActionClaims();
    private static final String BEFORE = "Klanten twijfelen na het betalen [F1]. ";
    private static final String AFTER = " Bevestig als je dat wilt.";

    @Test
    void noRefusedSpanEverStreamsWhateverTheTokens() {
        List<String> payloads = new ArrayList<>(Payloads.ACTION_CLAIMS);
        Payloads.BY_RULE.values().forEach(payloads::addAll);
        for (String payload : payloads) {
            String text = BEFORE + payload + AFTER;
            List<OutputPolicy.Violation> violations = OutputPolicy.check("the answer", text, ALLOWED);
            assertThat(violations).as(payload).isNotEmpty();
            for (int size : new int[] {1, 3, 7}) {
                String streamed = stream(chunks(text, size));
                for (OutputPolicy.Violation v : violations) {
                    assertThat(streamed).as("%s in chunks of %d", payload, size)
                            .doesNotContain(text.substring(v.start(), v.end()));
                }
                assertThat(streamed).as("the harmless sentences stream").startsWith(BEFORE.strip()).endsWith(AFTER.strip());
            }
            String streamed = stream(words(text));
            for (OutputPolicy.Violation v : violations) {
                assertThat(streamed).as("%s word by word", payload).doesNotContain(text.substring(v.start(), v.end()));
            }
        }
    }

    @Test
    void anOrdinaryAnswerStreamsWhole() {
        String text = "Klanten twijfelen na het betalen [F1]. De open rate is 71,2% [K1]; plan een proefrit-mail.\n"
                + "- Stuur de bevestiging meteen.\n- Noem de bezorgdag.";
        List<String> shown = new ArrayList<>();
        StreamGuard guard = new StreamGuard(window -> OutputPolicy.check("the answer", window, ALLOWED));
        for (String word : words(text)) {
            String out = guard.accept(word);
            if (!out.isEmpty()) {
                shown.add(out);
            }
        }
        assertThat(shown).as("released while the model writes, not only at the end").hasSizeGreaterThan(5);
        shown.add(guard.finish());
        assertThat(String.join("", shown)).isEqualTo(text);
    }

    @Test
    void textIsHeldOnlyAFewWordsBehindTheModel() {
        StreamGuard guard = new StreamGuard(window -> OutputPolicy.check("the answer", window, ALLOWED));
        StringBuilder shown = new StringBuilder();
        for (String word : words("Klanten weten na het betalen niet of hun bestelling gelukt is. ")) {
            shown.append(guard.accept(word));
        }
        assertThat(shown.toString()).isEqualTo("Klanten weten na het betalen niet of hun ");
    }

    private static String stream(List<String> tokens) {
        StreamGuard guard = new StreamGuard(window -> OutputPolicy.check("the answer", window, ALLOWED));
        StringBuilder shown = new StringBuilder();
        tokens.forEach(t -> shown.append(guard.accept(t)));
        return shown.append(guard.finish()).toString().strip();
    }

    private static List<String> chunks(String text, int size) {
        List<String> chunks = new ArrayList<>();
        for (int i = 0; i < text.length(); i += size) {
            chunks.add(text.substring(i, Math.min(text.length(), i + size)));
        }
        return chunks;
    }

    /** As models stream: a word with the space that follows it. */
    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\S+\\s*").matcher(text);
        while (m.find()) {
            words.add(m.group());
        }
        return words;
    }
}
