package com.journeyassistant.web;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** Numbers as people in the page's language write them: 364.126 in Dutch, 364,126 in English, at most two decimals. */
@Component("figures")
class Figures {

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
}
