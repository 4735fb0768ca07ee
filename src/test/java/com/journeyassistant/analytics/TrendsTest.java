package com.journeyassistant.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.journeyassistant.analytics.AnalyticsReport.Direction;
import com.journeyassistant.analytics.AnalyticsReport.Trend;
import com.journeyassistant.analytics.AnalyticsReport.TrendSubject;
import com.journeyassistant.evidence.EvidenceFacts.FeedbackFact;
import com.journeyassistant.evidence.EvidenceFacts.KpiFact;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TrendsTest {

    private static final AnalyticsReport.Cause LATE = cause("late delivery");
    private static final AnalyticsReport.Cause RUDE = cause("rude staff");

    private static AnalyticsReport.Cause cause(String label) {
        return new AnalyticsReport.Cause(label, null, List.of(label), 1, 0.1, 1.5, 0.15, List.of());
    }

    private final List<FeedbackFact> feedback = new ArrayList<>();
    private final List<UUID> late = new ArrayList<>();
    private final List<UUID> rude = new ArrayList<>();

    /** {@code perMonth} items in each of six months; the given shares of them are about each pain. */
    private void months(int perMonth, double[] lateShare, double[] rudeShare) {
        for (int month = 0; month < 6; month++) {
            for (int i = 0; i < perMonth; i++) {
                UUID id = UUID.randomUUID();
                feedback.add(new FeedbackFact(id, null, null, "text", "en", 3, null, null,
                        LocalDate.of(2026, 4 + month, 1 + i % 28), null, false));
                if (i < lateShare[month] * perMonth) {
                    late.add(id);
                } else if (i < (lateShare[month] + rudeShare[month]) * perMonth) {
                    rude.add(id);
                }
            }
        }
    }

    private FeedbackThemes.Result groups() {
        return new FeedbackThemes.Result(List.of(), List.of(LATE, RUDE), List.of(), 0, 0, Map.of(),
                Map.of(LATE, late, RUDE, rude));
    }

    private static KpiFact kpi(String metric, String period, String value, boolean higherIsBetter) {
        return new KpiFact(UUID.randomUUID(), null, null, metric, new BigDecimal(value), "%", period, null,
                higherIsBetter, null);
    }

    private static Trend named(List<Trend> trends, String name) {
        return trends.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aPainThatTakesAGrowingShareOfFeedbackIsGrowingAndASteadyOneIsNot() {
        months(100, new double[] {0.05, 0.05, 0.06, 0.12, 0.15, 0.2}, new double[] {0.1, 0.1, 0.1, 0.1, 0.11, 0.1});
        List<Trend> trends = Trends.of(groups(), feedback, List.of());

        Trend growing = named(trends, "late delivery");
        assertThat(growing.subject()).isEqualTo(TrendSubject.PAIN);
        assertThat(growing.direction()).isEqualTo(Direction.GROWING);
        assertThat(growing.change()).isCloseTo(15.7 - 5.3, org.assertj.core.data.Offset.offset(0.1));
        assertThat(growing.pValue()).isLessThan(0.001);
        assertThat(growing.periods()).extracting(AnalyticsReport.PeriodValue::period)
                .containsExactly("2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09");
        assertThat(growing.periods().get(5).value()).isEqualTo(20.0);
        Trend steady = named(trends, "rude staff");
        assertThat(steady.direction()).isEqualTo(Direction.STEADY);
        assertThat(steady.pValue()).isGreaterThan(0.05);
        assertThat(Trends.movers(trends)).extracting(Trend::name).containsExactly("late delivery");
    }

    @Test
    void tooLittleDatedFeedbackSaysSoInsteadOfGuessing() {
        months(8, new double[] {0.1, 0.1, 0.1, 0.5, 0.5, 0.5}, new double[] {0, 0, 0, 0, 0, 0});
        Trend trend = named(Trends.of(groups(), feedback, List.of()), "late delivery");

        assertThat(trend.direction()).isEqualTo(Direction.NOT_ENOUGH_DATA);
        assertThat(trend.change()).isNull();
        assertThat(trend.note()).contains("24 dated feedback items in the last three months").contains("needs 30");
    }

    @Test
    void kpisMoveTowardsOrAwayFromTheirBetterSideOverTheirLastPeriods() {
        List<KpiFact> kpis = List.of(
                kpi("cart abandonment", "2026-07", "72", false), kpi("cart abandonment", "2026-08", "70", false),
                kpi("cart abandonment", "2026-09", "66", false), kpi("cart abandonment", "2026-10", "61.2", false),
                kpi("conversion", "2026-08", "3.1", true), kpi("conversion", "2026-09", "2.8", true),
                kpi("conversion", "2026-10", "2.5", true),
                kpi("nps", "2026-09", "30", true), kpi("nps", "2026-10", "35", true),
                kpi("csat", "2026-08", "4.1", true), kpi("csat", "2026-09", "4.0", true),
                kpi("csat", "2026-10", "4.1", true));
        List<Trend> trends = Trends.of(groups(), List.of(), kpis);

        Trend abandonment = named(trends, "cart abandonment");
        assertThat(abandonment.direction()).as("lower is better").isEqualTo(Direction.IMPROVING);
        assertThat(abandonment.change()).isEqualTo(-15.0);
        assertThat(named(trends, "conversion").direction()).isEqualTo(Direction.WORSENING);
        assertThat(named(trends, "conversion").change()).isCloseTo(-19.4, org.assertj.core.data.Offset.offset(0.05));
        assertThat(named(trends, "nps").direction()).isEqualTo(Direction.NOT_ENOUGH_DATA);
        assertThat(named(trends, "csat").direction()).isEqualTo(Direction.STEADY);
        assertThat(Trends.movers(trends)).extracting(Trend::name).containsExactly("conversion", "cart abandonment");
    }
}
