package com.journeyassistant.generation;

import com.journeyassistant.journey.MapModels.BrandProfile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks generated copy before anyone sees it: the requested number of variants with
 * distinct angles, every field of the channel within its limit, the brand's avoided words
 * absent and mandatory phrases present, the requested language, citations only to evidence
 * that was given, and every field through the {@link OutputPolicy} (links, contact details,
 * offers, brands and figures the brand profile, touchpoint and KPIs do not hold).
 */
final class CopyValidator {

    private CopyValidator() {
    }

    record Variant(String angle, Map<String, String> fields, List<String> citations) {
        String allText() {
            return String.join("\n", fields.values());
        }
    }

    static List<String> problems(List<Variant> variants, int count, ChannelFormat format, BrandProfile brand,
                                 String language, EvidenceContext evidence, OutputPolicy.Allowed allowed) {
        List<String> problems = new ArrayList<>();
        if (variants.size() != count) {
            problems.add("expected " + count + " variants, got " + variants.size());
        }
        Set<String> angles = new HashSet<>();
        for (int v = 0; v < variants.size(); v++) {
            Variant variant = variants.get(v);
            String at = "variants[" + v + "]";
            if (variant.angle() == null || variant.angle().isBlank()) {
                problems.add(at + ".angle is empty");
            } else if (!angles.add(variant.angle().strip().toLowerCase(Locale.ROOT))) {
                problems.add(at + ".angle repeats another variant's angle");
            }
            for (Map.Entry<String, Integer> limit : format.limits().entrySet()) {
                String value = variant.fields().get(limit.getKey());
                int length = value == null ? 0 : value.codePointCount(0, value.length());
                if (value == null || value.isBlank()) {
                    problems.add(at + ".fields." + limit.getKey() + " is missing");
                } else if (length > limit.getValue()) {
                    problems.add(at + ".fields." + limit.getKey() + " has " + length + " characters; the limit is "
                            + limit.getValue());
                }
            }
            for (String field : variant.fields().keySet()) {
                if (!format.limits().containsKey(field)) {
                    problems.add(at + ".fields." + field + " is not a field of " + format.name());
                }
            }
            String text = variant.allText();
            String lower = text.toLowerCase(Locale.ROOT);
            for (String avoided : brand.wordsToAvoid()) {
                if (containsWord(lower, avoided.toLowerCase(Locale.ROOT))) {
                    problems.add(at + " uses the avoided word \"" + OutputPolicy.excerpt(avoided) + "\"");
                }
            }
            for (String phrase : brand.mandatoryPhrases()) {
                if (!text.contains(phrase)) {
                    problems.add(at + " lacks the mandatory phrase \"" + OutputPolicy.excerpt(phrase) + "\"");
                }
            }
            JobSupport.checkLanguage(problems, at, text, language);
            problems.addAll(citationProblems(at, variant.citations(), evidence));
            variant.fields().forEach((field, value) ->
                    JobSupport.checkPolicy(problems, at + ".fields." + field, value, allowed));
            JobSupport.checkPolicy(problems, at + ".angle", variant.angle(), allowed);
        }
        return problems;
    }

    /** Every part of an answer must cite, and cite only evidence that was given. */
    static List<String> citationProblems(String at, List<String> citations, EvidenceContext evidence) {
        List<String> problems = new ArrayList<>();
        if (citations.isEmpty()) {
            problems.add(at + " cites no evidence");
        }
        for (String citation : citations) {
            if (!evidence.items().containsKey(citation)) {
                problems.add(at + " cites " + OutputPolicy.excerpt(citation) + ", which is not among the evidence given");
            }
        }
        return problems;
    }

    private static boolean containsWord(String text, String word) {
        return Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(word) + "(?![\\p{L}\\p{N}])").matcher(text).find();
    }
}
