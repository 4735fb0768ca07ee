package com.journeyassistant.evidence;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces personal data in customer text with typed placeholders such as {@code [EMAIL]}
 * before the text is stored, embedded, logged or sent to a model. Numbers are only treated
 * as IBAN, BSN or payment card when their checksum holds, so order numbers, dates, prices and
 * postcodes stay as they are.
 */
public final class PiiRedactor {

    public enum PiiType { EMAIL, IBAN, CARD, PHONE, BSN }

    /** The redacted text and how many of each type were replaced. */
    public record Redacted(String text, Map<PiiType, Integer> counts) {
        public int total() {
            return counts.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** Where personal data of one type sits in a text. */
    public record Span(int start, int end, PiiType type) {
    }

    private static final Pattern EMAIL = Pattern.compile(
            "(?<![\\w.+-])[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)*\\.[A-Za-z]{2,24}(?![\\w-])");
    private static final Pattern IBAN = Pattern.compile(
            "(?<![A-Za-z0-9])[A-Za-z]{2}\\d{2}(?: ?[A-Za-z0-9]{4}){2,7}(?: ?[A-Za-z0-9]{1,3})?(?![A-Za-z0-9])");
    private static final Pattern CARD = Pattern.compile("(?<![\\d-])\\d(?:[ -]?\\d){12,18}(?![\\d-])");
    // International: +CC or 00CC and 7 to 12 more digits; Dutch national: 0 and 9 more digits.
    private static final Pattern PHONE = Pattern.compile(
            "(?<![\\w+])(?:(?:\\+|00)[1-9]\\d{0,2}[ .-]?(?:\\(0\\)[ .-]?)?(?:\\(\\d{1,4}\\)[ .-]?)?\\d(?:[ .-]?\\d){6,11}"
                    + "|\\(?0\\d{1,3}\\)?(?:[ .-]?\\d){6,8})(?![\\w])");
    // Not part of a longer number, nor of an amount like 2.499,00 (a separator followed by a digit).
    private static final Pattern BSN = Pattern.compile("(?<!\\d)(?<!\\d[.,-])\\d{3}[ .]?\\d{3}[ .]?\\d{2,3}(?!\\d|[.,-]\\d)");
    // Words that say a nearby number is an order, invoice or customer reference, not personal data.
    private static final Pattern REFERENCE_CONTEXT = Pattern.compile(
            "(order|bestel|factuur|invoice|klantnummer|customer|ticket|referentie|reference|artikel|article|#|nr\\.?|no\\.?)"
                    + "[^\\n]{0,20}$", Pattern.CASE_INSENSITIVE);
    private static final Pattern SOCIAL_CONTEXT = Pattern.compile(
            "(bsn|burgerservicenummer|sofinummer|sofi-nummer)[^\\n]{0,20}$", Pattern.CASE_INSENSITIVE);

    private PiiRedactor() {
    }

    public static Redacted redact(String text) {
        List<Span> spans = find(text);
        Map<PiiType, Integer> counts = new EnumMap<>(PiiType.class);
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        for (Span span : spans) {
            out.append(text, at, span.start()).append('[').append(span.type().name()).append(']');
            counts.merge(span.type(), 1, Integer::sum);
            at = span.end();
        }
        out.append(text, at, text.length());
        return new Redacted(out.toString(), counts);
    }

    /** Non-overlapping PII spans in text order; earlier types in {@link PiiType} win overlaps. */
    public static List<Span> find(String text) {
        List<Span> candidates = new ArrayList<>();
        collect(EMAIL, text, PiiType.EMAIL, candidates, (match, start) -> true);
        collectIbans(text, candidates);
        collect(CARD, text, PiiType.CARD, candidates,
                (match, start) -> luhn(digits(match)) && !isReference(text, start));
        collect(PHONE, text, PiiType.PHONE, candidates,
                (match, start) -> plausiblePhone(match) && !isReference(text, start));
        collect(BSN, text, PiiType.BSN, candidates,
                (match, start) -> elfproef(digits(match)) && (!isReference(text, start) || isSocial(text, start)));
        candidates.sort(Comparator.comparingInt((Span s) -> s.type().ordinal()).thenComparingInt(Span::start));
        List<Span> chosen = new ArrayList<>();
        for (Span candidate : candidates) {
            if (chosen.stream().noneMatch(c -> c.start() < candidate.end() && candidate.start() < c.end())) {
                chosen.add(candidate);
            }
        }
        chosen.sort(Comparator.comparingInt(Span::start));
        return chosen;
    }

    private interface Check {
        boolean test(String match, int start);
    }

    private static void collect(Pattern pattern, String text, PiiType type, List<Span> into, Check check) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            if (check.test(m.group(), m.start())) {
                into.add(new Span(m.start(), m.end(), type));
            }
        }
    }

    /**
     * A spaced IBAN ("NL91 ABNA 0417 1643 00") may be followed by a word of four letters that the
     * pattern takes as one more group; drop trailing groups until the checksum holds.
     */
    private static void collectIbans(String text, List<Span> into) {
        Matcher m = IBAN.matcher(text);
        while (m.find()) {
            String candidate = m.group();
            while (!validIban(candidate) && candidate.lastIndexOf(' ') > 4) {
                candidate = candidate.substring(0, candidate.lastIndexOf(' '));
            }
            if (validIban(candidate)) {
                into.add(new Span(m.start(), m.start() + candidate.length(), PiiType.IBAN));
            }
        }
    }

    private static boolean isReference(String text, int start) {
        return REFERENCE_CONTEXT.matcher(text.substring(Math.max(0, start - 30), start)).find();
    }

    private static boolean isSocial(String text, int start) {
        return SOCIAL_CONTEXT.matcher(text.substring(Math.max(0, start - 30), start)).find();
    }

    static String digits(String text) {
        return text.replaceAll("\\D", "");
    }

    static boolean luhn(String digits) {
        if (digits.length() < 13 || digits.length() > 19) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return sum % 10 == 0;
    }

    /** The Dutch BSN "elfproef": 9·d1 + 8·d2 + … + 2·d8 − d9 is divisible by 11. */
    static boolean elfproef(String digits) {
        String bsn = digits.length() == 8 ? "0" + digits : digits;
        if (bsn.length() != 9 || bsn.chars().distinct().count() == 1) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (9 - i) * (bsn.charAt(i) - '0');
        }
        sum -= bsn.charAt(8) - '0';
        return sum % 11 == 0;
    }

    /** ISO 13616: move the first four characters to the end, letters to numbers, mod 97 is 1. */
    static boolean validIban(String candidate) {
        String iban = candidate.replace(" ", "").toUpperCase(Locale.ROOT);
        if (iban.length() < 15 || iban.length() > 34 || !Character.isLetter(iban.charAt(0))) {
            return false;
        }
        String rearranged = iban.substring(4) + iban.substring(0, 4);
        StringBuilder numeric = new StringBuilder();
        for (char c : rearranged.toCharArray()) {
            numeric.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        return new BigInteger(numeric.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
    }

    private static boolean plausiblePhone(String candidate) {
        String digits = digits(candidate);
        if (candidate.startsWith("+") || candidate.startsWith("00")) {
            return digits.length() >= 9 && digits.length() <= 15;
        }
        // Dutch national numbers have ten digits and start with 0 followed by a non-zero digit.
        return digits.length() == 10 && digits.charAt(1) != '0';
    }
}
