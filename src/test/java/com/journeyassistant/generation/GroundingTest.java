package com.journeyassistant.generation;

import static com.journeyassistant.support.Api.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.journeyassistant.model.TokenCount;
import com.journeyassistant.journey.Touchpoints;
import com.journeyassistant.support.ApiTest;
import com.journeyassistant.support.H2Backend;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What evidence a job puts before the model, on real search over the embedded back end: a
 * touchpoint's own KPIs and feedback first, its stage's when it has too little of its own,
 * within the token budget.
 */
@H2Backend
class GroundingTest extends ApiTest {

    @Autowired
    Grounding grounding;
    @Autowired
    Touchpoints touchpoints;

    UUID journeyId;
    UUID checkout;
    UUID payment;

    @BeforeEach
    void twoTouchpointsInOneStage() throws InterruptedException {
        journeyId = UUID.fromString(ws.editor().post(ws.path("/journeys"), object("name", "Webshop", "language", "nl"))
                .json().path("id").asString());
        String stageId = ws.viewer().get(ws.path("/journeys/" + journeyId + "/stages")).json().get(2).path("id")
                .asString();
        checkout = touchpoint(stageId, "Afrekenpagina");
        payment = touchpoint(stageId, "Betaalpagina");
        StringBuilder feedback = new StringBuilder("text;csat;touchpoint_id\n");
        for (String text : List.of("De afrekenpagina vroeg twee keer mijn adres", "Bezorgkosten zag ik pas bij het afrekenen",
                "Afrekenen ging snel en zonder gedoe", "Kortingscode werkte niet bij het afrekenen",
                "Bij het afrekenen kon ik geen bezorgmoment kiezen, bel 06-12345678")) {
            feedback.append('"').append(text).append("\";2;").append(checkout).append('\n');
        }
        feedback.append("\"iDEAL betaling bleef hangen\";1;").append(payment).append('\n');
        assertThat(ws.editor().postRaw(ws.path("/evidence/feedback"), feedback.toString(), "text/csv").status())
                .isEqualTo(200);
        assertThat(ws.editor().postRaw(ws.path("/evidence/kpis"), "metric;value;unit;target;better;touchpoint_id\n"
                + "checkout conversion;61;%;70;higher;" + checkout + "\n"
                + "payment success;97;%;99;higher;" + payment + "\n", "text/csv").status()).isEqualTo(200);
        ws.awaitEvidenceIndexed();
    }

    @Test
    void aTouchpointWithEnoughEvidenceIsGroundedInItsOwnKpisAndFeedbackOnly() {
        EvidenceContext context = grounding.forTouchpoint(ws.id(), touchpoints.get(ws.id(), checkout), "", 2500);

        Map<String, EvidenceContext.Item> items = context.items();
        assertThat(items.keySet()).contains("K1", "F1", "F5").doesNotContain("K2", "F6");
        assertThat(items.get("K1").text()).startsWith("checkout conversion: 61 %").contains("target 70");
        assertThat(items.values()).filteredOn(i -> i.type().equals("feedback"))
                .allSatisfy(i -> assertThat(i.text()).doesNotContain("iDEAL"));
        assertThat(context.block()).doesNotContain("06-12345678").contains("[PHONE]");
    }

    @Test
    void aTouchpointWithTooLittleOfItsOwnBorrowsFromItsStage() {
        EvidenceContext context = grounding.forTouchpoint(ws.id(), touchpoints.get(ws.id(), payment), "", 2500);

        assertThat(context.items().get("K1").text()).startsWith("payment success");
        assertThat(context.items().values()).filteredOn(i -> i.type().equals("feedback"))
                .extracting(EvidenceContext.Item::text)
                .anySatisfy(text -> assertThat(text).contains("iDEAL"))
                .anySatisfy(text -> assertThat(text).containsIgnoringCase("afreken"));
    }

    @Test
    void theTokenBudgetCapsTheFeedbackButNotTheKpis() {
        EvidenceContext small = grounding.forTouchpoint(ws.id(), touchpoints.get(ws.id(), checkout), "", 25);

        assertThat(small.items().keySet()).contains("K1");
        long feedback = small.items().values().stream().filter(i -> i.type().equals("feedback")).count();
        assertThat(feedback).as("some, not all five").isBetween(1L, 4L);
        int used = small.items().values().stream().filter(i -> !i.type().equals("kpi"))
                .mapToInt(i -> TokenCount.of(i.text())).sum();
        assertThat(used).isLessThanOrEqualTo(25);
    }

    @Test
    void aJourneyIsGroundedInEachNamedTouchpoint() {
        EvidenceContext context = grounding.forJourney(ws.id(), journeyId, List.of(checkout, payment),
                "betalen afrekenen", k -> true, 2500);

        assertThat(context.items().values()).extracting(EvidenceContext.Item::text)
                .anySatisfy(text -> assertThat(text).contains("iDEAL"))
                .anySatisfy(text -> assertThat(text).containsIgnoringCase("afreken"));
        assertThat(context.items().keySet()).contains("K1", "K2");
    }

    private UUID touchpoint(String stageId, String name) {
        return UUID.fromString(ws.editor().post(ws.path("/journeys/" + journeyId + "/touchpoints"),
                object("stageId", stageId, "name", name, "channel", "WEBSITE")).json().path("id").asString());
    }
}
