package com.journeyassistant.evidence;

import com.journeyassistant.platform.ValidUnicode;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads typed values from an imported record's text fields, collecting a message per bad
 * field instead of stopping at the first. Numbers accept a decimal comma ("4,5") as Dutch
 * spreadsheets export them; dates accept ISO (2026-03-12) and Dutch (12-03-2026) forms.
 */
final class FieldValues {

    record Problem(String field, String message) {
    }

    private static final DateTimeFormatter DUTCH_DATE = DateTimeFormatter.ofPattern("d-M-uuuu");
    private static final Pattern LIST_SEPARATOR = Pattern.compile("[\\s,;|]+");
    private static final Pattern NUMBER = Pattern.compile("[+-]?\\d+(?:[.,]\\d+)?");

    private final Map<String, String> fields;
    private final List<Problem> problems = new ArrayList<>();

    FieldValues(Map<String, String> fields) {
        this.fields = fields;
    }

    List<Problem> problems() {
        return problems;
    }

    boolean has(String name) {
        return fields.containsKey(RecordReader.fold(name));
    }

    String text(String name, int maxLength, boolean required) {
        String value = fields.get(RecordReader.fold(name));
        if (value == null || value.isBlank()) {
            if (required) {
                problems.add(new Problem(name, "is required"));
            }
            return null;
        }
        if (value.length() > maxLength) {
            problems.add(new Problem(name, "is longer than " + maxLength + " characters"));
            return null;
        }
        String invalid = ValidUnicode.problem(value);
        if (invalid != null) {
            problems.add(new Problem(name, invalid));
            return null;
        }
        return value.strip();
    }

    Integer integer(String name, int min, int max) {
        BigDecimal value = decimal(name, false);
        if (value == null) {
            return null;
        }
        if (value.stripTrailingZeros().scale() > 0 || value.compareTo(BigDecimal.valueOf(min)) < 0
                || value.compareTo(BigDecimal.valueOf(max)) > 0) {
            problems.add(new Problem(name, "must be a whole number from " + min + " to " + max));
            return null;
        }
        return value.intValue();
    }

    BigDecimal decimal(String name, boolean required) {
        String raw = text(name, 40, required);
        if (raw == null) {
            return null;
        }
        String value = raw.replace(" ", "").replace("\u00A0", "");
        // "1.234,56" and "1,234.56": the last separator is the decimal one, the other groups thousands.
        int comma = value.lastIndexOf(',');
        int dot = value.lastIndexOf('.');
        if (comma >= 0 && dot >= 0) {
            value = comma > dot ? value.replace(".", "").replace(',', '.') : value.replace(",", "");
        } else if (comma >= 0) {
            value = value.replace(',', '.');
        }
        if (!NUMBER.matcher(value).matches()) {
            problems.add(new Problem(name, "must be a number (a decimal comma or point is fine)"));
            return null;
        }
        return new BigDecimal(value);
    }

    BigDecimal decimal(String name, BigDecimal min, BigDecimal max) {
        BigDecimal value = decimal(name, false);
        if (value != null && (value.compareTo(min) < 0 || value.compareTo(max) > 0)) {
            problems.add(new Problem(name, "must be from " + min.toPlainString() + " to " + max.toPlainString()));
            return null;
        }
        return value;
    }

    LocalDate date(String name) {
        return parsed(name, "must be a date such as 2026-03-12 or 12-03-2026", value -> {
            if (value.length() > 10 && value.charAt(4) == '-') {
                return OffsetDateTime.parse(value).toLocalDate();
            }
            return value.charAt(4) == '-' ? LocalDate.parse(value) : LocalDate.parse(value, DUTCH_DATE);
        });
    }

    UUID uuid(String name) {
        return parsed(name, "must be a UUID", UUID::fromString);
    }

    /** An optional field read by {@code parser}; a value it cannot read is a problem of the field, and null. */
    private <T> T parsed(String name, String problem, Function<String, T> parser) {
        String value = text(name, 40, false);
        if (value == null) {
            return null;
        }
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException | DateTimeException | IndexOutOfBoundsException unreadable) {
            problems.add(new Problem(name, problem));
            return null;
        }
    }

    /** A list of UUIDs separated by spaces, commas, semicolons or bars (one CSV cell can hold several). */
    List<UUID> uuids(String name) {
        String value = text(name, 4000, false);
        if (value == null) {
            return List.of();
        }
        List<UUID> ids = new ArrayList<>();
        for (String part : LIST_SEPARATOR.split(value)) {
            try {
                UUID id = UUID.fromString(part);
                if (!ids.contains(id)) {
                    ids.add(id);
                }
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(name, "must be UUIDs separated by spaces, commas or '|'"));
                return List.of();
            }
        }
        return ids;
    }

    <E extends Enum<E>> E choice(String name, Class<E> type, E fallback) {
        String value = text(name, 40, false);
        if (value == null) {
            return fallback;
        }
        String constant = value.toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        try {
            return Enum.valueOf(type, constant);
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(name, "must be one of " + Arrays.toString(type.getEnumConstants())));
            return null;
        }
    }

    void fail(String name, String message) {
        problems.add(new Problem(name, message));
    }
}
