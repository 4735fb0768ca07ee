package com.journeyassistant.analytics;

import com.journeyassistant.analytics.AnalyticsReport.Quote;
import com.journeyassistant.analytics.AnalyticsReport.Theme;
import com.journeyassistant.platform.StopWords;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Groups a stage's feedback into themes by clustering embeddings with spherical k-means, the
 * number of themes (2 to 8) being the one whose clusters are best separated.
 * Deterministic: the same items in the same order always give the same themes, because the
 * seeding draws from a fixed random seed. Groups smaller than 3% of the items (at least 2) are
 * left out as noise. Keywords are the words most particular to a theme within its stage.
 */
final class FeedbackThemes {

    private FeedbackThemes() {
    }

    /** One feedback item: its text, its level on the 1–5 scale (null when unknown) and its embedding. */
    record Item(UUID id, String text, Double level, float[] vector) {
    }

    static final int MAX_THEMES = 8;
    static final int QUOTES = 3;
    private static final int KEYWORDS = 4;
    private static final int ITERATIONS = 30;
    private static final int RESTARTS = 3;
    private static final int K_SAMPLE = 200;
    private static final long SEED = 20_261_123L;
    private static final int QUOTE_LENGTH = 240;
    private static final Pattern WORD = Pattern.compile("\\p{L}{3,}");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\[[A-Z]+]");

    static List<Theme> themes(List<Item> items) {
        if (items.size() < 2) {
            return List.of();
        }
        List<float[]> vectors = centred(items.stream().map(i -> unit(i.vector())).toList());
        int maxK = Math.min(MAX_THEMES, Math.max(2, (int) Math.round(Math.sqrt(items.size() / 2.0))));
        // k is chosen on an evenly spread sample, which is as telling and far cheaper for large stages
        List<float[]> sample = vectors.size() <= K_SAMPLE ? vectors : java.util.stream.IntStream.range(0, K_SAMPLE)
                .mapToObj(i -> vectors.get((int) ((long) i * vectors.size() / K_SAMPLE))).toList();
        double bestSilhouette = Double.NEGATIVE_INFINITY;
        int k = 2;
        int[] sampleAssignment = null;
        for (int candidate = 2; candidate <= Math.min(maxK, sample.size()); candidate++) {
            int[] clusters = kMeans(sample, candidate);
            double silhouette = silhouette(sample, clusters, candidate);
            if (silhouette > bestSilhouette) {
                bestSilhouette = silhouette;
                sampleAssignment = clusters;
                k = candidate;
            }
        }
        int[] assignment = sample == vectors ? sampleAssignment : kMeans(vectors, k);
        int minimumSize = Math.max(2, (int) Math.ceil(items.size() * 0.03));
        Map<String, Integer> stageFrequency = documentFrequency(items.stream().map(Item::text).toList());
        List<Theme> themes = new ArrayList<>();
        for (int cluster = 0; cluster < k; cluster++) {
            List<Integer> members = members(assignment, cluster);
            if (members.size() >= minimumSize) {
                themes.add(theme(items, vectors, members, stageFrequency));
            }
        }
        themes.sort(Comparator.comparingInt(Theme::size).reversed()
                .thenComparing(t -> t.meanScore() == null ? 3.0 : t.meanScore())
                .thenComparing(t -> t.quotes().get(0).feedbackId()));
        return themes;
    }

    private static Theme theme(List<Item> items, List<float[]> vectors, List<Integer> members,
                               Map<String, Integer> stageFrequency) {
        float[] centre = mean(vectors, members);
        List<Integer> byCloseness = new ArrayList<>(members);
        byCloseness.sort(Comparator.comparingDouble((Integer i) -> -dot(vectors.get(i), centre)).thenComparing(i -> i));
        List<Quote> quotes = byCloseness.stream().limit(QUOTES)
                .map(i -> new Quote(items.get(i).id(), snippet(items.get(i).text()))).toList();
        double levelSum = 0;
        int levels = 0;
        for (int i : members) {
            if (items.get(i).level() != null) {
                levelSum += items.get(i).level();
                levels++;
            }
        }
        Double meanScore = levels == 0 ? null : Math.round(levelSum / levels * 100) / 100.0;
        List<String> texts = members.stream().map(i -> items.get(i).text()).toList();
        return new Theme(members.size(), meanScore, keywords(texts, stageFrequency, items.size()), quotes);
    }

    /**
     * Spherical k-means over unit vectors; returns the cluster of each vector. k-means++ seeding
     * from a fixed seed, the best of a few restarts: repeatable, and not led by outliers.
     */
    static int[] kMeans(List<float[]> vectors, int k) {
        Random random = new Random(SEED);
        int[] best = null;
        double bestCohesion = Double.NEGATIVE_INFINITY;
        for (int restart = 0; restart < RESTARTS; restart++) {
            int[] assignment = lloyd(vectors, seeds(vectors, k, random));
            double cohesion = cohesion(vectors, assignment, k);
            if (cohesion > bestCohesion) {
                bestCohesion = cohesion;
                best = assignment;
            }
        }
        return best;
    }

    private static int[] lloyd(List<float[]> vectors, List<float[]> centres) {
        int[] assignment = new int[vectors.size()];
        for (int iteration = 0; iteration < ITERATIONS; iteration++) {
            boolean changed = false;
            for (int i = 0; i < vectors.size(); i++) {
                int nearest = nearest(vectors.get(i), centres);
                changed |= iteration == 0 || assignment[i] != nearest;
                assignment[i] = nearest;
            }
            if (!changed) {
                break;
            }
            for (int c = 0; c < centres.size(); c++) {
                List<Integer> members = members(assignment, c);
                if (!members.isEmpty()) {
                    centres.set(c, mean(vectors, members));
                }
            }
        }
        return assignment;
    }

    private static int nearest(float[] vector, List<float[]> centres) {
        int best = 0;
        double bestSimilarity = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < centres.size(); c++) {
            double similarity = dot(vector, centres.get(c));
            if (similarity > bestSimilarity) {
                bestSimilarity = similarity;
                best = c;
            }
        }
        return best;
    }

    /**
     * How well the clusters are separated, from −1 to 1: per item, how much nearer it is to its
     * own centre than to the next nearest one (the simplified silhouette), averaged. Picks k.
     */
    private static double silhouette(List<float[]> vectors, int[] assignment, int k) {
        List<float[]> centres = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            List<Integer> members = members(assignment, c);
            centres.add(members.isEmpty() ? null : mean(vectors, members));
        }
        double total = 0;
        for (int i = 0; i < vectors.size(); i++) {
            double own = 1 - dot(vectors.get(i), centres.get(assignment[i]));
            double other = Double.MAX_VALUE;
            for (int c = 0; c < k; c++) {
                if (c != assignment[i] && centres.get(c) != null) {
                    other = Math.min(other, 1 - dot(vectors.get(i), centres.get(c)));
                }
            }
            double spread = Math.max(own, other);
            total += other == Double.MAX_VALUE || spread == 0 ? 0 : (other - own) / spread;
        }
        return total / vectors.size();
    }

    /** The sum of each vector's similarity to its cluster's centre: higher is tighter. */
    private static double cohesion(List<float[]> vectors, int[] assignment, int k) {
        double total = 0;
        for (int c = 0; c < k; c++) {
            List<Integer> members = members(assignment, c);
            if (!members.isEmpty()) {
                float[] centre = mean(vectors, members);
                for (int i : members) {
                    total += dot(vectors.get(i), centre);
                }
            }
        }
        return total;
    }

    /** k-means++: each next seed drawn with probability proportional to its distance from the nearest seed. */
    private static List<float[]> seeds(List<float[]> vectors, int k, Random random) {
        List<float[]> seeds = new ArrayList<>(List.of(vectors.get(random.nextInt(vectors.size()))));
        double[] distance = new double[vectors.size()];
        java.util.Arrays.fill(distance, Double.MAX_VALUE);
        while (seeds.size() < k) {
            float[] last = seeds.get(seeds.size() - 1);
            double total = 0;
            for (int i = 0; i < vectors.size(); i++) {
                distance[i] = Math.min(distance[i], Math.max(0, 1 - dot(vectors.get(i), last)));
                total += distance[i] * distance[i];
            }
            if (total == 0) {
                break;
            }
            double pick = random.nextDouble() * total;
            int chosen = 0;
            for (double running = distance[0] * distance[0]; running < pick && chosen < vectors.size() - 1; ) {
                chosen++;
                running += distance[chosen] * distance[chosen];
            }
            seeds.add(vectors.get(chosen));
        }
        return seeds;
    }

    private static List<Integer> members(int[] assignment, int cluster) {
        List<Integer> members = new ArrayList<>();
        for (int i = 0; i < assignment.length; i++) {
            if (assignment[i] == cluster) {
                members.add(i);
            }
        }
        return members;
    }

    private static List<String> keywords(List<String> texts, Map<String, Integer> stageFrequency, int stageSize) {
        Map<String, Integer> themeFrequency = documentFrequency(texts);
        int required = texts.size() >= 4 ? 2 : 1;
        return themeFrequency.entrySet().stream()
                .filter(e -> e.getValue() >= required)
                .sorted(Comparator.comparingDouble((Map.Entry<String, Integer> e) -> -e.getValue() / (double) texts.size()
                                * Math.log((stageSize + 1.0) / stageFrequency.get(e.getKey())))
                        .thenComparing(Map.Entry::getKey))
                .limit(KEYWORDS).map(Map.Entry::getKey).toList();
    }

    private static Map<String, Integer> documentFrequency(List<String> texts) {
        Map<String, Integer> frequency = new HashMap<>();
        for (String text : texts) {
            Set<String> seen = new HashSet<>();
            Matcher words = WORD.matcher(PLACEHOLDER.matcher(text).replaceAll(" ").toLowerCase(Locale.ROOT));
            while (words.find()) {
                if (!StopWords.contains(words.group()) && seen.add(words.group())) {
                    frequency.merge(words.group(), 1, Integer::sum);
                }
            }
        }
        return frequency;
    }

    /**
     * Sentence embeddings share a large common direction, which makes everything look alike;
     * taking the stage's mean away leaves what tells the items apart.
     */
    private static List<float[]> centred(List<float[]> vectors) {
        float[] mean = new float[vectors.get(0).length];
        for (float[] v : vectors) {
            for (int d = 0; d < mean.length; d++) {
                mean[d] += v[d] / vectors.size();
            }
        }
        List<float[]> centred = new ArrayList<>(vectors.size());
        for (float[] v : vectors) {
            float[] c = new float[v.length];
            for (int d = 0; d < v.length; d++) {
                c[d] = v[d] - mean[d];
            }
            centred.add(unit(c));
        }
        return centred;
    }

    private static String snippet(String text) {
        return text.length() <= QUOTE_LENGTH ? text : text.substring(0, QUOTE_LENGTH - 1).strip() + "…";
    }

    private static float[] mean(List<float[]> vectors, List<Integer> members) {
        float[] sum = new float[vectors.get(members.get(0)).length];
        for (int i : members) {
            float[] v = vectors.get(i);
            for (int d = 0; d < sum.length; d++) {
                sum[d] += v[d];
            }
        }
        return unit(sum);
    }

    private static float[] unit(float[] vector) {
        double norm = 0;
        for (float x : vector) {
            norm += x * x;
        }
        float[] unit = new float[vector.length];
        double scale = norm == 0 ? 0 : 1 / Math.sqrt(norm);
        for (int d = 0; d < vector.length; d++) {
            unit[d] = (float) (vector[d] * scale);
        }
        return unit;
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int d = 0; d < a.length; d++) {
            sum += a[d] * b[d];
        }
        return sum;
    }
}
