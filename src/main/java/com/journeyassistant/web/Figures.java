package com.journeyassistant.web;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Numbers as people in the page's language write them: 364.126 in Dutch, 364,126 in English, at most two decimals.
 * Public, like the records pages show, so that the templates' expressions compile to bytecode instead of being
 * interpreted by reflection at every render.
 */
@Component("figures")
public class Figures {

    public String number(Number value, Locale locale) {
        if (value == null) {
            return "–";
        }
        NumberFormat format = NumberFormat.getNumberInstance(locale);
        format.setMaximumFractionDigits(Math.abs(value.doubleValue()) >= 100 ? 0 : 2);
        return format.format(value instanceof BigDecimal decimal ? decimal : value.doubleValue());
    }

    /** A value with its unit; a unit that only says "count" is left out. */
    public String measure(Number value, String unit, Locale locale) {
        String number = number(value, locale);
        if (unit == null || unit.isBlank() || unit.equalsIgnoreCase("count")) {
            return number;
        }
        return unit.equals("%") ? number + " %" : number + " " + unit;
    }

    /** An amount of money, with up to four decimals: a batch's cost is often a fraction of a cent. */
    public String money(BigDecimal value, Locale locale) {
        if (value == null) {
            return "–";
        }
        NumberFormat format = NumberFormat.getNumberInstance(locale);
        format.setMinimumFractionDigits(2);
        format.setMaximumFractionDigits(value.abs().compareTo(BigDecimal.ONE) >= 0 ? 2 : 4);
        return format.format(value);
    }

    /** Seconds as a person reads a wait: "45 s", "12 min", "2 h 5 min" ("2 u 5 min" in Dutch). */
    public String duration(Number seconds, Locale locale) {
        if (seconds == null) {
            return "–";
        }
        long s = Math.max(0, seconds.longValue());
        if (s < 60) {
            return s + " s";
        }
        long minutes = Math.round(s / 60.0);
        if (minutes < 60) {
            return minutes + " min";
        }
        String hour = locale.getLanguage().equals("nl") ? " u" : " h";
        return minutes / 60 + hour + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
    }
}
