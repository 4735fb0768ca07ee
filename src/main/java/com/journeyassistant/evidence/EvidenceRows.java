package com.journeyassistant.evidence;

import com.journeyassistant.evidence.MapPlacement.Placement;
import com.journeyassistant.journey.Insights;
import com.journeyassistant.platform.InjectionScreen;
import com.journeyassistant.platform.Sha256;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Locale;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** Validated rows, built from imported records; customer text is normalised and redacted here. */
final class EvidenceRows {

    private EvidenceRows() {
    }

    static final int MAX_FEEDBACK_TEXT = 20_000;

    /**
     * {@code rawText}, as it arrived, is kept only until the row is stored: the injection screen
     * reads it then (for hidden characters too), and only for rows that are new.
     */
    record FeedbackRow(Placement placement, String externalId, String text, String language, boolean hiddenText,
                       int piiRedacted, SourceChannel source, Integer csat, Integer nps, BigDecimal rating,
                       LocalDate date, String segment, String dedupeKey, String rawText) {
    }

    record KpiRow(Placement placement, String externalId, String metric, BigDecimal value, String unit, String period,
                  BigDecimal target, boolean higherIsBetter, BigDecimal dailyTraffic, String dedupeKey) {
    }

    enum Better { HIGHER, LOWER }

    /** The row, or null with the problems left in {@code values}. */
    static FeedbackRow feedback(FieldValues values, MapPlacement placements) {
        String raw = values.text("text", MAX_FEEDBACK_TEXT, true);
        String externalId = values.text("externalId", 200, false);
        SourceChannel source = values.choice(values.has("source") ? "source" : "sourceChannel", SourceChannel.class,
                SourceChannel.OTHER);
        Integer csat = values.integer("csat", 1, 5);
        Integer nps = values.integer("nps", 0, 10);
        BigDecimal rating = values.decimal("rating", BigDecimal.ZERO, BigDecimal.TEN);
        LocalDate date = values.date("date");
        String segment = values.text("segment", 200, false);
        Placement placement = placements.resolve(values);
        TextNormalizer.Normalized normalized = raw == null ? null : TextNormalizer.normalize(raw);
        if (normalized != null && normalized.text().isEmpty()) {
            values.fail("text", "is empty once invisible and control characters are removed");
        }
        if (!values.problems().isEmpty()) {
            return null;
        }
        PiiRedactor.Redacted redacted = PiiRedactor.redact(normalized.text());
        String key = externalId != null ? "ext:" + externalId : "sha:" + Sha256.hex(String.join("\u001F",
                redacted.text().toLowerCase(Locale.ROOT), source.name(), String.valueOf(date), String.valueOf(csat),
                String.valueOf(nps), String.valueOf(rating), String.valueOf(placement.touchpointId()),
                String.valueOf(placement.stageId()), String.valueOf(placement.journeyId()), Objects.toString(segment, "")));
        return new FeedbackRow(placement, externalId, redacted.text(), normalized.language(), normalized.hiddenText(),
                redacted.total(), source, csat, nps, rating, date, segment, key, raw);
    }

    static final int MAX_INSIGHT_TEXT = 4000;
    private static final int DERIVED_TITLE = 80;

    /** An insight for the map; without a title, its first sentence (shortened) becomes one. */
    static Insights.ImportedInsight insight(FieldValues values, MapPlacement placements) {
        String rawText = values.text("text", MAX_INSIGHT_TEXT, true);
        String rawTitle = values.text("title", 200, false);
        String source = values.text("source", 200, false);
        String externalId = values.text("externalId", 200, false);
        int problemsBefore = values.problems().size();
        List<UUID> touchpointIds = values.has("touchpointIds") ? values.uuids("touchpointIds") : values.uuids("touchpointId");
        UUID journeyId = values.problems().size() == problemsBefore ? placements.journeyOf(values, touchpointIds) : null;
        TextNormalizer.Normalized text = rawText == null ? null : TextNormalizer.normalize(rawText);
        if (text != null && text.text().isEmpty()) {
            values.fail("text", "is empty once invisible and control characters are removed");
        }
        if (!values.problems().isEmpty()) {
            return null;
        }
        String body = PiiRedactor.redact(text.text()).text();
        String title = rawTitle == null ? firstSentence(body)
                : PiiRedactor.redact(TextNormalizer.normalize(rawTitle).text()).text();
        if (title.isEmpty()) {
            title = firstSentence(body);
        }
        String key = externalId != null ? "ext:" + externalId : "sha:" + Sha256.hex(String.join("\u001F",
                journeyId.toString(), title.toLowerCase(Locale.ROOT), body.toLowerCase(Locale.ROOT)));
        return new Insights.ImportedInsight(journeyId, title, body, source, touchpointIds, externalId, key,
                InjectionScreen.screen((rawTitle == null ? "" : rawTitle + ". ") + rawText).reason());
    }

    private static String firstSentence(String text) {
        int end = 0;
        while (end < text.length() && ".!?\n".indexOf(text.charAt(end)) < 0) {
            end++;
        }
        String sentence = text.substring(0, end).strip();
        if (sentence.length() <= DERIVED_TITLE) {
            return sentence;
        }
        int space = sentence.lastIndexOf(' ', DERIVED_TITLE - 1);
        return sentence.substring(0, space > DERIVED_TITLE / 2 ? space : DERIVED_TITLE - 1).strip() + "…";
    }

    static KpiRow kpi(FieldValues values, MapPlacement placements) {
        String metric = values.text("metric", 100, true);
        BigDecimal value = values.decimal("value", true);
        String unit = values.text("unit", 32, false);
        String period = values.text("period", 32, false);
        BigDecimal target = values.decimal("target", false);
        Better better = values.choice("better", Better.class, Better.HIGHER);
        BigDecimal dailyTraffic = values.decimal("dailyTraffic", BigDecimal.ZERO, new BigDecimal("1000000000000"));
        String externalId = values.text("externalId", 200, false);
        Placement placement = placements.resolve(values);
        if (!values.problems().isEmpty()) {
            return null;
        }
        String key = externalId != null ? "ext:" + externalId : "sha:" + Sha256.hex(String.join("\u001F",
                metric.toLowerCase(Locale.ROOT), value.stripTrailingZeros().toPlainString(), Objects.toString(unit, ""),
                Objects.toString(period, ""), String.valueOf(placement.touchpointId()),
                String.valueOf(placement.stageId()), String.valueOf(placement.journeyId())));
        return new KpiRow(placement, externalId, metric, value, unit, period, target, better == Better.HIGHER,
                dailyTraffic, key);
    }

}
