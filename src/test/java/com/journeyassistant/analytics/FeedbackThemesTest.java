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

    private static final String[] SUBJECTS = {"betaling", "bezorging", "monteur"};

    /** Three groups of noisy vectors around three directions, as embeddings of three subjects would lie. */
    private static List<FeedbackThemes.Item> items(int perGroup, long seed) {
        Random random = new Random(seed);
        List<FeedbackThemes.Item> items = new ArrayList<>();
        for (int i = 0; i < perGroup * 3; i++) {
            int group = i % 3;
            float[] vector = new float[32];
            for (int d = 0; d < vector.length; d++) {
                vector[d] = (float) (random.nextGaussian() * 0.3 + (d % 3 == group ? 1 : 0) + 0.5);
            }
            items.add(new FeedbackThemes.Item(new UUID(group, i), SUBJECTS[group] + " was het onderwerp", 1.0 + group * 2,
                    vector));
        }
        return items;
    }

    @Test
    void theSameItemsAlwaysGiveTheSameThemes() {
        List<FeedbackThemes.Item> items = items(40, 3);
        assertThat(FeedbackThemes.themes(items)).isEqualTo(FeedbackThemes.themes(items));
        List<FeedbackThemes.Item> large = items(700, 4);
        assertThat(FeedbackThemes.themes(large)).as("k chosen on a sample").isEqualTo(FeedbackThemes.themes(large));
    }

    @Test
    void groupsThatDifferBecomeSeparateThemesWithTheirOwnScores() {
        List<AnalyticsReport.Theme> themes = FeedbackThemes.themes(items(40, 5));

        assertThat(themes).hasSize(3);
        Set<Long> groups = new HashSet<>();
        for (AnalyticsReport.Theme theme : themes) {
            assertThat(theme.size()).isEqualTo(40);
            Set<Long> inTheme = new HashSet<>();
            theme.quotes().forEach(q -> inTheme.add(q.feedbackId().getMostSignificantBits()));
            assertThat(inTheme).hasSize(1);
            groups.addAll(inTheme);
            assertThat(theme.meanScore()).isEqualTo(1.0 + inTheme.iterator().next() * 2);
            assertThat(theme.keywords().get(0)).isEqualTo(SUBJECTS[inTheme.iterator().next().intValue()]);
        }
        assertThat(groups).containsExactlyInAnyOrder(0L, 1L, 2L);
    }
}
