package com.journeyassistant.generation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Dutch and English copy told apart, short lines included; what carries no language is "other". */
class CopyLanguageTest {

    @Test
    void tellsDutchFromEnglishOnCopyOfEveryLength() {
        Map<String, String> copy = Map.ofEntries(
                Map.entry("Je bestelling is binnen", "nl"),
                Map.entry("Bekijk je bestelling", "nl"),
                Map.entry("Je fiets is er bijna", "nl"),
                Map.entry("Proefrit geboekt? Tot zaterdag!", "nl"),
                Map.entry("Veel klanten vroegen zich af of hun betaling gelukt was. Daarom bevestigen we nu meteen dat"
                        + " je bestelling binnen is. Let op! Geld lenen kost geld.", "nl"),
                Map.entry("Your order is in", "en"),
                Map.entry("removing their doubt helps them finish", "en"),
                Map.entry("Book a test ride this weekend", "en"),
                Map.entry("Many customers wondered whether their payment went through, so we now confirm your order"
                        + " straight away.", "en"),
                Map.entry("Trapkracht", "other"),
                Map.entry("49,95", "other"));
        copy.forEach((text, language) -> assertThat(CopyLanguage.of(text)).as(text).isEqualTo(language));
    }
}
