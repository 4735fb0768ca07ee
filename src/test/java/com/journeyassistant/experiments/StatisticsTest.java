package com.journeyassistant.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Distribution functions against values from Python's statistics.NormalDist and published t tables. */
class StatisticsTest {

    @Test
    void normalQuantilesAreAccurateToTenDecimals() {
        double[][] reference = {{0.975, 1.9599639845400536}, {0.8, 0.8416212335729144}, {0.995, 2.5758293035489},
                {1e-10, -6.361340902404056}, {0.01, -2.3263478740408408}, {0.3, -0.5244005127080407},
                {0.9999, 3.7190164854557084}};
        for (double[] pair : reference) {
            assertThat(Statistics.normalQuantile(pair[0])).as("quantile %s", pair[0]).isCloseTo(pair[1], within(1e-10));
        }
    }

    @Test
    void normalCdfMatchesReferenceValuesInTheTailsToo() {
        double[][] reference = {{-6, 9.865876449133282e-10}, {-3.5, 0.0002326290790355401}, {-1.2, 0.11506967022170833},
                {0, 0.5}, {0.5, 0.6914624612740131}, {2.8, 0.9974448696695721}, {4, 0.9999683287581669}};
        for (double[] pair : reference) {
            assertThat(Statistics.normalCdf(pair[0])).as("cdf %s", pair[0]).isCloseTo(pair[1], within(Math.abs(pair[1]) * 1e-9));
        }
    }

    @Test
    void studentTQuantilesMatchTheTables() {
        // two-sided 5 % critical values of Student's t
        assertThat(Statistics.tQuantile(0.975, 1)).isCloseTo(12.706, within(0.001));
        assertThat(Statistics.tQuantile(0.975, 10)).isCloseTo(2.228, within(0.001));
        assertThat(Statistics.tQuantile(0.975, 30)).isCloseTo(2.042, within(0.001));
        assertThat(Statistics.tQuantile(0.995, 5)).isCloseTo(4.032, within(0.001));
        assertThat(Statistics.tTwoSidedP(2.228, 10)).isCloseTo(0.05, within(0.0001));
        assertThat(Statistics.tTwoSidedP(0, 7)).isCloseTo(1.0, within(1e-10));
    }

    @Test
    void sampleSizeForProportionsIsThatOfRsPowerPropTest() {
        // power.prop.test(p1 = 0.10, p2 = 0.12, power = 0.8) gives n = 3840.847
        assertThat(Statistics.sampleSizeProportions(0.10, 0.12, 0.05, 0.8)).isCloseTo(3840.847, within(0.001));
        assertThat(Statistics.sampleSizeProportions(0.12, 0.10, 0.05, 0.8))
                .as("symmetric").isCloseTo(3840.847, within(0.001));
    }
}
