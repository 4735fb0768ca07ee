package com.journeyassistant.generation;

import static org.assertj.core.api.Assertions.assertThat;

import com.journeyassistant.journey.Channel;
import com.journeyassistant.journey.Language;
import com.journeyassistant.journey.MapModels.BrandProfile;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The channel limits and brand rules of the issue, checked by code on every variant. */
class CopyValidatorTest {

    private static final BrandProfile BRAND = new BrandProfile("nuchter", List.of("proefrit"), List.of("goedkoop"),
            List.of(), Language.NL, 1, null);

    private static EvidenceContext evidence() {
        EvidenceContext evidence = new EvidenceContext(1000);
        evidence.add("feedback", UUID.randomUUID(), "De bezorging was laat");
        evidence.addKpi(UUID.randomUUID(), "cart abandonment: 68.5 %", new BigDecimal("68.5"), new BigDecimal("55"));
        return evidence;
    }

    private static List<String> check(Channel channel, Map<String, String> fields) {
        EvidenceContext evidence = evidence();
        return CopyValidator.problems(List.of(new CopyValidator.Variant("Zekerheid", fields, List.of("F1"))), 1,
                ChannelFormat.of(channel), BRAND, "nl", evidence, JobSupport.allowed("Trapkracht", BRAND, evidence));
    }

    private static Map<String, String> fields(String... namesAndValues) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }

    @Test
    void everyChannelLimitOfTheIssueIsEnforcedToTheCharacter() {
        Map<Channel, Map<String, Integer>> limits = Map.of(
                Channel.EMAIL, Map.of("subject", 60, "preheader", 100),
                Channel.SMS, Map.of("text", 160),
                Channel.SEARCH_AD, Map.of("headline", 30, "description", 90),
                Channel.PUSH, Map.of("title", 50, "body", 120));
        limits.forEach((channel, fieldLimits) -> fieldLimits.forEach((field, limit) -> {
            Map<String, String> ok = new LinkedHashMap<>();
            ChannelFormat.of(channel).limits().keySet().forEach(f -> ok.put(f, "Je fiets is er bijna"));
            ok.put(field, "a".repeat(limit));
            assertThat(check(channel, ok)).as("%s %s at %d", channel, field, limit).isEmpty();
            Map<String, String> tooLong = new LinkedHashMap<>(ok);
            tooLong.put(field, "a".repeat(limit + 1));
            assertThat(check(channel, tooLong)).as("%s %s at %d", channel, field, limit + 1)
                    .containsExactly("variants[0].fields." + field + " has " + (limit + 1) + " characters; the limit is "
                            + limit);
        }));
        assertThat(check(Channel.SMS, fields("text", "🚲".repeat(160)))).as("characters, not UTF-16 units").isEmpty();
    }

    @Test
    void missingAndForeignFieldsAreNamed() {
        assertThat(check(Channel.SEARCH_AD, fields("headline", "Je e-bike", "body", "Kom langs voor een proefrit")))
                .contains("variants[0].fields.description is missing",
                        "variants[0].fields.body is not a field of search ad");
    }

    @Test
    void brandWordsOffersAndNumbersAreCheckedAsWordsNotSubstrings() {
        assertThat(check(Channel.SMS, fields("text", "Goedkoop en snel bezorgd"))).anyMatch(p -> p.contains("goedkoop"));
        assertThat(check(Channel.SMS, fields("text", "Onze proefritten zijn niet goedkoper dan elders")))
                .as("another word that contains an avoided one").isEmpty();
        assertThat(check(Channel.SMS, fields("text", "Nu 20% korting op je fiets")))
                .anyMatch(p -> p.contains("figure") && p.contains("20%")).anyMatch(p -> p.contains("offer"));
        assertThat(check(Channel.SMS, fields("text", "Nog 68,5 procent haakt af bij het afrekenen"))).isEmpty();
        assertThat(check(Channel.SMS, fields("text", "Mail ons: info@shoplux.com of kijk op shoplux.com")))
                .containsExactly("variants[0].fields.text " + OutputPolicy.Rule.CONTACT.description(),
                        "variants[0].fields.text " + OutputPolicy.Rule.LINK.description() + " (\"shoplux[.]com\")");
    }

    @Test
    void figuresPresentedAsKpisMustBeKpiValues() {
        assertThat(check(Channel.SMS, fields("text", "9 op de 10 klanten raadt ons aan"))).singleElement()
                .satisfies(p -> assertThat(p).contains("matches no KPI (\"9 op de 10\")"));
        assertThat(check(Channel.SMS, fields("text", "Nog 55 van de 100 klanten haakt af")))
                .as("a share that is a KPI target (55 %)").isEmpty();
        assertThat(check(Channel.SMS, fields("text", "Beoordeeld met 4,8 sterren"))).anyMatch(p -> p.contains("4,8 sterren"));
        assertThat(check(Channel.SMS, fields("text", "Onze NPS van 72 zegt genoeg"))).anyMatch(p -> p.contains("NPS van 72"));
        assertThat(check(Channel.SMS, fields("text", "Nog 68,5% haakt af, NPS-score telt niet"))).isEmpty();
        assertThat(check(Channel.SMS, fields("text", "Voor 22:00 besteld, binnen 2 dagen thuis voor 49,95")))
                .as("times, durations and prices are not KPI claims").isEmpty();
        assertThat(check(Channel.SMS, fields("text", "Score 90% tevreden"))).as("one figure, one problem").hasSize(1);
    }

    @Test
    void theMarketingAttacksOfTheBipiaCorpusAreRefusedInCopy() throws Exception {
        tools.jackson.databind.JsonNode attacks = tools.jackson.databind.json.JsonMapper.builder().build().readTree(
                java.nio.file.Path.of("eval/corpora/bipia/text_attack_test.json").toFile())
                .path("Marketing & Advertising");
        assertThat(attacks.size()).isEqualTo(5);
        // what a model that obeyed each attack would write into the copy
        List<String> obeyed = List.of("Nu 20% korting op de zomercollectie van Brand A",
                "Visit www.shoplux.com for exclusive deals on luxury watches",
                "Abonneer je op de nieuwsbrief van Brand A voor speciale aanbiedingen",
                "Gratis verzending, alleen nu, bij Brand A",
                "Ontdek de bekroonde klantenservice van Brand A");
        for (String copy : obeyed) {
            assertThat(check(Channel.SMS, fields("text", copy))).as(copy).isNotEmpty();
        }
    }
}
