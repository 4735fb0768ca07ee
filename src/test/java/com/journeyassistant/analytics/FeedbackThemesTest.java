package com.journeyassistant.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FeedbackThemesTest {

    private static final String[] SUBJECTS = {"betaling", "bezorging", "monteur", "retour"};
    private static final String[] WORDS = {"mislukt via ideal", "kwam laat aan", "kwam netjes langs", "geld teruggestort"};

    /**
     * Noisy vectors around one direction per subject, as embeddings of different subjects lie; within each subject
     * scores are mixed, as they are in real feedback. Group g's items carry id (g, i).
     */
    private static List<FeedbackThemes.Item> items(int[] sizes, double[] unhappyShare, long seed) {
        Random random = new Random(seed);
        List<FeedbackThemes.Item> items = new ArrayList<>();
        for (int group = 0; group < sizes.length; group++) {
            for (int i = 0; i < sizes[group]; i++) {
                float[] vector = new float[48];
                for (int d = 0; d < vector.length; d++) {
                    vector[d] = (float) (random.nextGaussian() * 0.3 + (d % sizes.length == group ? 1 : 0) + 0.5);
                }
                boolean unhappy = random.nextDouble() < unhappyShare[group];
                items.add(new FeedbackThemes.Item(new UUID(group, i), "De " + SUBJECTS[group] + " " + WORDS[group]
                        + (unhappy ? ", slecht" : ", prima"), unhappy ? 1.0 : 4.0 + random.nextInt(2), vector));
            }
        }
        java.util.Collections.shuffle(items, new Random(seed));
        return items;
    }

    @Test
    void theSameItemsAlwaysGiveTheSameResult() {
        List<FeedbackThemes.Item> items = items(new int[] {40, 40, 40}, new double[] {0.5, 0.5, 0.5}, 3);
        assertThat(FeedbackThemes.analyse(items)).isEqualTo(FeedbackThemes.analyse(items));
        List<FeedbackThemes.Item> large = items(new int[] {1500, 1200, 900}, new double[] {0.2, 0.5, 0.1}, 4);
        assertThat(FeedbackThemes.analyse(large)).as("splits fitted on samples").isEqualTo(FeedbackThemes.analyse(large));
    }

    @Test
    void subjectsBecomeThemesNamedByTheirOwnWordsWhateverTheMood() {
        List<AnalyticsReport.Theme> themes = FeedbackThemes.themes(
                items(new int[] {60, 60, 60, 60}, new double[] {0.9, 0.6, 0.1, 0.4}, 5));

        assertThat(themes).hasSize(4);
        Set<Long> groups = new HashSet<>();
        for (AnalyticsReport.Theme theme : themes) {
            Set<Long> inTheme = new HashSet<>();
            theme.quotes().forEach(q -> inTheme.add(q.feedbackId().getMostSignificantBits()));
            assertThat(inTheme).as("one subject per theme").hasSize(1);
            int group = inTheme.iterator().next().intValue();
            groups.add((long) group);
            assertThat(theme.size()).isEqualTo(60);
            assertThat(theme.label()).as("named by its own words").contains(SUBJECTS[group]);
            assertThat(theme.unhappy() + theme.happy()).isEqualTo(60);
        }
        assertThat(groups).containsExactlyInAnyOrder(0L, 1L, 2L, 3L);
    }

    @Test
    void aCauseOfOneCustomerInTenSurfacesAsAPainWhenMostAreHappy() {
        // 500 items; the returns subject is 10% of them and nearly all its customers are unhappy; 80% are happy
        List<FeedbackThemes.Item> items = items(new int[] {200, 150, 100, 50}, new double[] {0.05, 0.1, 0.05, 0.9}, 6);
        FeedbackThemes.Result result = FeedbackThemes.analyse(items);

        assertThat(result.pains()).isNotEmpty();
        AnalyticsReport.Cause top = result.pains().get(0);
        assertThat(top.label()).contains("retour");
        assertThat(top.customers()).isBetween(35, 50);
        assertThat(top.meanScore()).isEqualTo(1.0);
        assertThat(top.impact()).isEqualTo(Math.round(top.share() * 2 * 10000) / 10000.0);
        assertThat(result.pains()).extracting(AnalyticsReport.Cause::impact).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(result.gains().get(0).label()).as("the largest happy group leads the gains").contains("betaling");
        assertThat(result.negative() + result.positive()).isEqualTo(500);
    }

    @Test
    void tooFewItemsGiveNothingRatherThanNoise() {
        assertThat(FeedbackThemes.analyse(items(new int[] {2, 2}, new double[] {1, 0}, 7))).isEqualTo(FeedbackThemes.Result.EMPTY);
    }
}
