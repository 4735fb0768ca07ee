package com.journeyassistant.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import com.journeyassistant.evidence.PiiRedactor.PiiType;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Measures the redactor on a labelled Dutch and English set ({@code pii/labelled.jsonl}):
 * per PII type, precision (nothing else is redacted) and recall (nothing is missed).
 */
class PiiRedactorTest {

    record Found(PiiType type, String value) {
    }

    @Test
    void everyTypeIsFoundWithHighPrecisionAndRecallOnTheLabelledSet() throws Exception {
        Map<PiiType, int[]> counts = new EnumMap<>(PiiType.class); // true positives, false positives, false negatives
        for (PiiType type : PiiType.values()) {
            counts.put(type, new int[3]);
        }
        List<String> mistakes = new ArrayList<>();
        for (JsonNode item : labelled()) {
            String text = item.path("text").asString();
            List<Found> expected = new ArrayList<>();
            item.path("pii").forEach(p -> expected.add(new Found(PiiType.valueOf(p.path("type").asString()),
                    p.path("value").asString())));
            List<Found> actual = PiiRedactor.find(text).stream()
                    .map(s -> new Found(s.type(), text.substring(s.start(), s.end()))).toList();
            for (Found found : actual) {
                if (expected.remove(found)) {
                    counts.get(found.type())[0]++;
                } else {
                    counts.get(found.type())[1]++;
                    mistakes.add(item.path("id").asString() + ": unexpected " + found);
                }
            }
            for (Found missed : expected) {
                counts.get(missed.type())[2]++;
                mistakes.add(item.path("id").asString() + ": missed " + missed);
            }
        }
        StringBuilder report = new StringBuilder("type   precision recall (tp/fp/fn)\n");
        counts.forEach((type, c) -> report.append(String.format("%-6s %9.3f %6.3f (%d/%d/%d)%n", type,
                precision(c), recall(c), c[0], c[1], c[2])));
        System.out.println(report);
        for (var entry : counts.entrySet()) {
            int[] c = entry.getValue();
            assertThat(c[0]).as("positives of %s in the set", entry.getKey()).isGreaterThanOrEqualTo(4);
            assertThat(precision(c)).as("precision of %s; %s", entry.getKey(), mistakes).isGreaterThanOrEqualTo(0.95);
            assertThat(recall(c)).as("recall of %s; %s", entry.getKey(), mistakes).isGreaterThanOrEqualTo(0.95);
        }
    }

    @Test
    void redactionReplacesWithTypedPlaceholdersAndKeepsTheRest() {
        PiiRedactor.Redacted redacted = PiiRedactor.redact(
                "Bestelling 2026-118845: bel 06-12345678 of mail jan@example.nl, refund op NL91ABNA0417164300.");
        assertThat(redacted.text()).isEqualTo("Bestelling 2026-118845: bel [PHONE] of mail [EMAIL], refund op [IBAN].");
        assertThat(redacted.counts()).containsEntry(PiiType.PHONE, 1).containsEntry(PiiType.EMAIL, 1)
                .containsEntry(PiiType.IBAN, 1);
        assertThat(redacted.total()).isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Geleverd op 12-03-2026 in 3511 AB Utrecht voor € 2.499,00.",
            "Order #4111111111111111 and klantnummer 0612345678.", "Range 45-70 km, 24.5 kg, 250 W."})
    void textWithoutPersonalDataIsLeftAlone(String text) {
        assertThat(PiiRedactor.redact(text).text()).isEqualTo(text);
    }

    @Test
    void checksumsDecideForIbanBsnAndCards() {
        assertThat(PiiRedactor.validIban("NL91ABNA0417164300")).isTrue();
        assertThat(PiiRedactor.validIban("NL91ABNA0417164301")).isFalse();
        assertThat(PiiRedactor.elfproef("111222333")).isTrue();
        assertThat(PiiRedactor.elfproef("123456789")).isFalse();
        assertThat(PiiRedactor.elfproef("000000000")).isFalse();
        assertThat(PiiRedactor.luhn("4111111111111111")).isTrue();
        assertThat(PiiRedactor.luhn("4111111111111112")).isFalse();
    }

    private static double precision(int[] c) {
        return c[0] + c[1] == 0 ? 1.0 : (double) c[0] / (c[0] + c[1]);
    }

    private static double recall(int[] c) {
        return c[0] + c[2] == 0 ? 1.0 : (double) c[0] / (c[0] + c[2]);
    }

    private static List<JsonNode> labelled() throws Exception {
        JsonMapper json = JsonMapper.builder().build();
        List<JsonNode> items = new ArrayList<>();
        try (var reader = new BufferedReader(new InputStreamReader(
                PiiRedactorTest.class.getResourceAsStream("/pii/labelled.jsonl"), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    items.add(json.readTree(line));
                }
            }
        }
        return items;
    }
}
