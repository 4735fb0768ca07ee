package com.journeyassistant.generation;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/** The generation checks on claims, for free text such as a chat answer. */
public final class AnswerChecks {

    private AnswerChecks() {
    }

    /**
     * Figures presented as KPIs that no KPI has, and links, e-mail addresses or placeholder
     * brands that {@code allowedText} does not hold.
     */
    public static List<String> unsupportedClaims(String text, List<BigDecimal> kpiValues, String allowedText) {
        return CopyValidator.claimProblems("the answer", text, kpiValues, allowedText.toLowerCase(Locale.ROOT));
    }
}
