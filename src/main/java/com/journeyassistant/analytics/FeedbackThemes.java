package com.journeyassistant.analytics;

import com.journeyassistant.analytics.AnalyticsReport.Cause;
import com.journeyassistant.analytics.AnalyticsReport.Quote;
import com.journeyassistant.analytics.AnalyticsReport.Theme;
import com.journeyassistant.platform.StopWords;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Themes, pains and gains of a set of feedback items, from their embeddings.
 * <ul>
 *   <li><b>Themes</b> group all items by what they are about.</li>
 *   <li><b>Pains</b> group the unhappy items (a low score, or negative text where there is no score) on their own,
 *   so a cause shared by one customer in ten surfaces when most are happy; <b>gains</b> do the same for the happy
 *   ones. Both are ranked by reach × severity: the share of all scored items, times how far their mean lies from
 *   the neutral 3.</li>
 * </ul>
 * Items are compared by their embedding joined with their words. Grouping splits the group with the most spread in
 * two (2-means) until there are {@value #MAX_THEMES} themes ({@value #MAX_CAUSES} pains or gains) or no group can
 * split into two parts of the minimum size, then merges groups whose centres are near duplicates. Labels are the
 * words and word pairs most particular to a group against the others (class-based TF-IDF). Deterministic: the
 * seeding draws from a fixed seed.
 */
final class FeedbackThemes {

    private FeedbackThemes() {
    }

    /** One feedback item: its text, its level on the 1–5 scale (null when unknown) and its embedding. */
    record Item(UUID id, String text, Double level, float[] vector) {
    }

    /** What one set of items says: its themes, and its pains and gains, each strongest first. */
    record Result(List<Theme> themes, List<Cause> pains, List<Cause> gains, int negative, int positive,
                  Map<Theme, List<UUID>> themeMembers, Map<Cause, List<UUID>> painMembers) {
        static final Result EMPTY = new Result(List.of(), List.of(), List.of(), 0, 0, Map.of(), Map.of());
    }

    /** At or below this level an item counts as unhappy (CSAT 1–2, NPS 0–4, text clearly negative). */
    static final double UNHAPPY_AT_MOST = 2.6;
    /** At or above this level an item counts as happy (CSAT 4–5, NPS 7–10, text clearly positive). */
    static final double HAPPY_AT_LEAST = 3.8;
    static final int MAX_THEMES = 12;
    /** Pains and gains may be finer: a cause shared by few customers matters, and they are ranked anyway. */
    static final int MAX_CAUSES = 20;
    static final int QUOTES = 3;
    /** Quotes are chosen among this many items nearest a group's centre. */
    private static final int QUOTE_CANDIDATES = 40;
    /** A theme holds at least this share of the items (and at least {@value #MIN_THEME_SIZE}). */
    private static final double THEME_SHARE = 0.03;
    /** A pain or gain holds at least this share of the unhappy (or happy) items. */
    private static final double CAUSE_SHARE = 0.025;
    private static final int MIN_SIZE = 3;
    private static final int SMALL_SET_MINIMUM = 10;
    /** Fewer items than this are too few to call a theme: in a small stage, groups of three are mostly chance. */
    private static final int MIN_THEME_SIZE = 5;
    /** Groups whose centres are this similar (cosine, after centring) say the same thing and are merged. */
    private static final double MERGE_SIMILARITY = 0.55;
    private static final int KEYWORDS = 4;
    private static final int WORD_DIMENSIONS = 512;
    /** The words' share of the joined vector; measured on labelled airline feedback, half gave the purest pains. */
    private static final double WORD_WEIGHT = 0.5;
    private static final int LABEL_WORDS = 3;
    private static final int ITERATIONS = 12;
    private static final int RESTARTS = 1;
    /** A split is fitted on at most this many of a group's items, evenly spread, then applied to all of them. */
    private static final int FIT_SAMPLE = 400;
    /** Refining all groups at once is fitted on at most this many items, in this many rounds. */
    private static final int REFINE_SAMPLE = 800;
    private static final int REFINE_ROUNDS = 2;
    private static final long SEED = 20_261_130L;
    private static final int QUOTE_LENGTH = 240;
    private static final Pattern WORD = Pattern.compile("[\\p{L}][\\p{L}'’]+");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\[[A-Z_]+]");

    static boolean unhappy(Double level) {
        return level != null && level <= UNHAPPY_AT_MOST;
    }

    static boolean happy(Double level) {
        return level != null && level >= HAPPY_AT_LEAST;
    }

    /**
     * Items prepared once: each one's vector (its embedding joined with its words) and its terms, so that a journey,
     * its stages and its touchpoints share the work. Word weights come from the whole set.
     */
    static final class Corpus {
        final List<Item> items;
        final List<float[]> vectors;
        final List<Set<String>> terms;

        private Corpus(List<Item> items, List<float[]> vectors, List<Set<String>> terms) {
            this.items = items;
            this.vectors = vectors;
            this.terms = terms;
        }

        static Corpus of(List<Item> items) {
            List<Set<String>> terms = items.parallelStream().map(i -> terms(i.text())).toList();
            return new Corpus(items, withWords(items, terms.parallelStream().map(FeedbackThemes::stems).toList()),
                    terms);
        }

        /** The items at these positions, with the vectors and terms they already have. */
        Corpus subset(List<Integer> positions) {
            return new Corpus(positions.stream().map(items::get).toList(), positions.stream().map(vectors::get).toList(),
                    positions.stream().map(terms::get).toList());
        }

        int size() {
            return items.size();
        }
    }

    static Result analyse(List<Item> items) {
        return analyse(Corpus.of(items));
    }

    static Result analyse(Corpus corpus) {
        return analyse(corpus, true);
    }

    /** Without gains where they are not wanted: finding them is a third of the work. */
    static Result analyse(Corpus corpus, boolean withGains) {
        List<Item> items = corpus.items;
        if (items.size() < 2 * MIN_SIZE) {
            return Result.EMPTY;
        }
        List<float[]> units = corpus.vectors;
        List<Set<String>> terms = corpus.terms;
        List<Integer> negative = new ArrayList<>();
        List<Integer> positive = new ArrayList<>();
        int scored = 0;
        for (int i = 0; i < items.size(); i++) {
            Double level = items.get(i).level();
            scored += level == null ? 0 : 1;
            if (unhappy(level)) {
                negative.add(i);
            } else if (happy(level)) {
                positive.add(i);
            }
        }
        List<float[]> topical = centred(units);
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            all.add(i);
        }
        List<List<Integer>> themeGroups = group(topical, all, Math.max(MIN_THEME_SIZE, minimum(items.size(), THEME_SHARE)),
                MAX_THEMES);
        Set<Integer> unhappy = new HashSet<>(negative);
        Set<Integer> happy = new HashSet<>(positive);
        Map<Theme, List<UUID>> themeMembers = new HashMap<>();
        for (Described d : distinct(items, terms, topical, themeGroups)) {
            themeMembers.put(new Theme(d.label(), null, d.members().size(), meanLevel(items, d.members()),
                    (int) d.members().stream().filter(unhappy::contains).count(),
                    (int) d.members().stream().filter(happy::contains).count(), d.keywords(), d.quotes()),
                    ids(items, d.members()));
        }
        List<Theme> themes = themeMembers.keySet().stream()
                .sorted(Comparator.comparingInt(Theme::size).reversed().thenComparing(Theme::label)).toList();
        Map<Cause, List<UUID>> painMembers = causes(items, terms, units, negative, scored, true);
        return new Result(themes, ranked(painMembers),
                withGains ? ranked(causes(items, terms, units, positive, scored, false)) : List.of(),
                negative.size(), positive.size(), themeMembers, painMembers);
    }

    private static List<UUID> ids(List<Item> items, List<Integer> members) {
        return members.stream().map(i -> items.get(i).id()).toList();
    }

    private static List<Cause> ranked(Map<Cause, List<UUID>> causes) {
        return causes.keySet().stream()
                .sorted(Comparator.comparingDouble(Cause::impact).reversed().thenComparing(Cause::label)).toList();
    }

    /** The themes alone. */
    static List<Theme> themes(List<Item> items) {
        return analyse(items).themes();
    }

    private static Map<Cause, List<UUID>> causes(List<Item> items, List<Set<String>> terms, List<float[]> units,
                                                 List<Integer> side, int scored, boolean pains) {
        if (side.size() < 2 * MIN_SIZE || scored == 0) {
            return Map.of();
        }
        List<float[]> sideVectors = centred(side.stream().map(units::get).toList());
        List<float[]> vectors = new ArrayList<>(units);
        for (int i = 0; i < side.size(); i++) {
            vectors.set(side.get(i), sideVectors.get(i));
        }
        List<List<Integer>> groups = group(vectors, side, minimum(side.size(), CAUSE_SHARE), MAX_CAUSES);
        Map<Cause, List<UUID>> causes = new HashMap<>();
        for (Described d : distinct(items, terms, vectors, groups)) {
            double mean = meanLevel(items, d.members());
            double share = d.members().size() / (double) scored;
            double severity = pains ? 3 - mean : mean - 3;
            causes.put(new Cause(d.label(), null, d.keywords(), d.members().size(), round(share, 4), mean,
                    round(share * severity, 4), d.quotes()), ids(items, d.members()));
        }
        return causes;
    }

    /**
     * The smallest group worth showing: the share of the items, but never under {@value #MIN_SIZE}, and in a small set
     * not under a third of it (up to {@value #SMALL_SET_MINIMUM}): in twenty items, a group of four is mostly chance.
     */
    private static int minimum(int size, double share) {
        return Math.max(Math.max(MIN_SIZE, (int) Math.ceil(size * share)), Math.min(size / 3, SMALL_SET_MINIMUM));
    }

    private record Described(List<Integer> members, String label, List<String> keywords, List<Quote> quotes) {
    }

    /**
     * The groups described, those that come out under the same words merged: two groups people cannot tell apart by
     * their label are one to them.
     */
    private static List<Described> distinct(List<Item> items, List<Set<String>> terms, List<float[]> vectors,
                                            List<List<Integer>> groups) {
        List<List<Integer>> current = groups;
        while (true) {
            List<Described> described = describe(items, terms, vectors, current);
            Map<String, List<Integer>> byLabel = new java.util.LinkedHashMap<>();
            for (Described d : described) {
                byLabel.computeIfAbsent(d.label(), l -> new ArrayList<>()).addAll(d.members());
            }
            if (byLabel.size() == described.size()) {
                return described;
            }
            current = byLabel.values().stream().map(m -> m.stream().sorted().toList()).toList();
        }
    }

    private static List<Described> describe(List<Item> items, List<Set<String>> terms, List<float[]> vectors,
                                            List<List<Integer>> groups) {
        List<Map<String, Integer>> counts = groups.stream().map(g -> termCounts(terms, g)).toList();
        List<List<String>> keywords = Keywords.particular(counts, groups.stream().map(List::size).toList(), KEYWORDS);
        List<Described> described = new ArrayList<>();
        List<float[]> centres = groups.stream().map(g -> mean(vectors, g)).toList();
        for (int g = 0; g < groups.size(); g++) {
            List<Integer> members = groups.get(g);
            float[] centre = centres.get(g);
            List<float[]> others = new ArrayList<>(centres);
            others.remove(g);
            // quotes are typical of their group and unlike the others: among the items nearest its centre, those
            // furthest from the next group's centre
            Map<Integer, Double> near = new HashMap<>();
            members.forEach(i -> near.put(i, dot(vectors.get(i), centre)));
            List<Integer> nearest = members.stream()
                    .sorted(Comparator.comparingDouble((Integer i) -> -near.get(i)).thenComparing(i -> i))
                    .limit(QUOTE_CANDIDATES).toList();
            Map<Integer, Double> typical = new HashMap<>();
            for (int i : nearest) {
                double nearestOther = others.stream().mapToDouble(c -> dot(vectors.get(i), c)).max().orElse(0);
                typical.put(i, near.get(i) - nearestOther);
            }
            List<Integer> byCloseness = new ArrayList<>(nearest);
            byCloseness.sort(Comparator.comparingDouble((Integer i) -> -typical.get(i)).thenComparing(i -> i));
            List<Quote> quotes = byCloseness.stream().limit(QUOTES)
                    .map(i -> new Quote(items.get(i).id(), snippet(items.get(i).text()))).toList();
            List<String> words = keywords.get(g);
            String label = words.isEmpty() ? snippet(items.get(byCloseness.get(0)).text())
                    : String.join(", ", words.subList(0, Math.min(LABEL_WORDS, words.size())));
            described.add(new Described(members, label, words, quotes));
        }
        return described;
    }

    // ------------------------------------------------------------------ grouping

    /**
     * Splits the given items into groups of at least {@code minimum}: the group with the most spread is split in
     * two while there are fewer than {@code maximum}; then near-duplicate groups are merged.
     */
    static List<List<Integer>> group(List<float[]> vectors, List<Integer> items, int minimum, int maximum) {
        if (items.size() < 2 * minimum) {
            return items.size() >= minimum ? List.of(items) : List.of();
        }
        Random random = new Random(SEED);
        List<List<Integer>> groups = new ArrayList<>(List.of(items));
        Set<List<Integer>> settled = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        Map<List<Integer>, Double> spreads = new java.util.IdentityHashMap<>();
        while (groups.size() < maximum) {
            List<Integer> widest = null;
            double widestSpread = -1;
            for (List<Integer> g : groups) {
                if (g.size() >= 2 * minimum && !settled.contains(g)) {
                    double spread = spreads.computeIfAbsent(g, members -> spread(vectors, members));
                    if (spread > widestSpread) {
                        widestSpread = spread;
                        widest = g;
                    }
                }
            }
            if (widest == null) {
                break;
            }
            List<List<Integer>> halves = split(vectors, widest, random);
            if (halves.get(0).size() < minimum || halves.get(1).size() < minimum) {
                settled.add(widest);
                continue;
            }
            groups.remove(widest);
            groups.addAll(halves);
        }
        return merged(vectors, refined(vectors, items, groups, minimum));
    }

    /**
     * A few rounds of k-means over all groups at once, from the centres the splitting found: an item a split sent
     * down the wrong branch can move to the group it is nearest. Fitted on an even sample, then applied to all;
     * groups left under the minimum give their items to the nearest other group.
     */
    private static List<List<Integer>> refined(List<float[]> vectors, List<Integer> items, List<List<Integer>> groups,
                                               int minimum) {
        if (groups.size() < 2) {
            return groups;
        }
        List<float[]> centres = new ArrayList<>(groups.stream().map(g -> mean(vectors, g)).toList());
        List<Integer> sample = items.size() <= REFINE_SAMPLE ? items : java.util.stream.IntStream.range(0, REFINE_SAMPLE)
                .mapToObj(i -> items.get((int) ((long) i * items.size() / REFINE_SAMPLE))).toList();
        for (int round = 0; round < REFINE_ROUNDS; round++) {
            List<List<Integer>> assigned = assign(vectors, sample, centres);
            for (int c = 0; c < centres.size(); c++) {
                if (!assigned.get(c).isEmpty()) {
                    centres.set(c, mean(vectors, assigned.get(c)));
                }
            }
        }
        List<List<Integer>> result = assign(vectors, items, centres);
        while (result.size() > 1) {
            int smallest = 0;
            for (int c = 1; c < result.size(); c++) {
                if (result.get(c).size() < result.get(smallest).size()) {
                    smallest = c;
                }
            }
            if (result.get(smallest).size() >= minimum) {
                break;
            }
            List<Integer> orphans = result.remove(smallest);
            centres.remove(smallest);
            List<List<Integer>> moved = assign(vectors, orphans, centres);
            for (int c = 0; c < result.size(); c++) {
                List<Integer> grown = new ArrayList<>(result.get(c));
                grown.addAll(moved.get(c));
                grown.sort(null);
                result.set(c, grown);
            }
        }
        return result;
    }

    /** Each item to its nearest centre; one list per centre, in item order. */
    private static List<List<Integer>> assign(List<float[]> vectors, List<Integer> items, List<float[]> centres) {
        List<List<Integer>> assigned = new ArrayList<>();
        centres.forEach(c -> assigned.add(new ArrayList<>()));
        for (int i : items) {
            int nearest = 0;
            double best = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < centres.size(); c++) {
                double similarity = dot(vectors.get(i), centres.get(c));
                if (similarity > best) {
                    best = similarity;
                    nearest = c;
                }
            }
            assigned.get(nearest).add(i);
        }
        return assigned;
    }

    /** Merges the two most similar groups while their centres are near duplicates. */
    private static List<List<Integer>> merged(List<float[]> vectors, List<List<Integer>> groups) {
        List<List<Integer>> result = new ArrayList<>(groups);
        while (result.size() > 1) {
            List<float[]> centres = result.stream().map(g -> mean(vectors, g)).toList();
            int bestA = -1;
            int bestB = -1;
            double best = MERGE_SIMILARITY;
            for (int a = 0; a < centres.size(); a++) {
                for (int b = a + 1; b < centres.size(); b++) {
                    double similarity = dot(centres.get(a), centres.get(b));
                    if (similarity >= best) {
                        best = similarity;
                        bestA = a;
                        bestB = b;
                    }
                }
            }
            if (bestA < 0) {
                break;
            }
            List<Integer> union = new ArrayList<>(result.get(bestA));
            union.addAll(result.get(bestB));
            union.sort(null);
            result.remove(bestB);
            result.set(bestA, union);
        }
        return result;
    }

    /** Total distance of a group's items from its centre: the group that says the most different things. */
    private static double spread(List<float[]> vectors, List<Integer> group) {
        float[] centre = mean(vectors, group);
        double total = 0;
        for (int i : group) {
            total += 1 - dot(vectors.get(i), centre);
        }
        return total;
    }

    /** 2-means (spherical, k-means++ seeding, best of a few restarts) fitted on a sample, applied to all. */
    private static List<List<Integer>> split(List<float[]> vectors, List<Integer> group, Random random) {
        List<Integer> sample = group.size() <= FIT_SAMPLE ? group : java.util.stream.IntStream.range(0, FIT_SAMPLE)
                .mapToObj(i -> group.get((int) ((long) i * group.size() / FIT_SAMPLE))).toList();
        float[][] best = null;
        double bestCohesion = Double.NEGATIVE_INFINITY;
        for (int restart = 0; restart < RESTARTS; restart++) {
            float[][] centres = twoMeans(vectors, sample, random);
            double cohesion = 0;
            for (int i : sample) {
                cohesion += Math.max(dot(vectors.get(i), centres[0]), dot(vectors.get(i), centres[1]));
            }
            if (cohesion > bestCohesion) {
                bestCohesion = cohesion;
                best = centres;
            }
        }
        List<Integer> first = new ArrayList<>();
        List<Integer> second = new ArrayList<>();
        for (int i : group) {
            (dot(vectors.get(i), best[0]) >= dot(vectors.get(i), best[1]) ? first : second).add(i);
        }
        return List.of(first, second);
    }

    private static float[][] twoMeans(List<float[]> vectors, List<Integer> sample, Random random) {
        float[] a = vectors.get(sample.get(random.nextInt(sample.size())));
        double[] weights = new double[sample.size()];
        double total = 0;
        for (int i = 0; i < sample.size(); i++) {
            double distance = Math.max(0, 1 - dot(vectors.get(sample.get(i)), a));
            weights[i] = distance * distance;
            total += weights[i];
        }
        int chosen = 0;
        double pick = random.nextDouble() * total;
        for (double running = weights[0]; running < pick && chosen < sample.size() - 1; ) {
            running += weights[++chosen];
        }
        float[][] centres = {a, vectors.get(sample.get(chosen))};
        int[] assignment = new int[sample.size()];
        for (int iteration = 0; iteration < ITERATIONS; iteration++) {
            boolean changed = iteration == 0;
            List<Integer> first = new ArrayList<>();
            List<Integer> second = new ArrayList<>();
            for (int i = 0; i < sample.size(); i++) {
                float[] v = vectors.get(sample.get(i));
                int nearest = dot(v, centres[0]) >= dot(v, centres[1]) ? 0 : 1;
                changed |= assignment[i] != nearest;
                assignment[i] = nearest;
                (nearest == 0 ? first : second).add(sample.get(i));
            }
            if (!changed || first.isEmpty() || second.isEmpty()) {
                break;
            }
            centres = new float[][] {mean(vectors, first), mean(vectors, second)};
        }
        return centres;
    }

    // ------------------------------------------------------------------ vectors

    /**
     * Each item's embedding joined with its words (TF-IDF over the set, hashed into {@value #WORD_DIMENSIONS}
     * dimensions): embeddings of short texts group by tone and form as much as by subject, and shared words such
     * as "luggage" or "refund" pull items about the same subject together.
     */
    private static List<float[]> withWords(List<Item> items, List<Set<String>> terms) {
        Map<String, Integer> frequency = new HashMap<>();
        terms.forEach(t -> t.forEach(term -> frequency.merge(term, 1, Integer::sum)));
        return java.util.stream.IntStream.range(0, items.size()).parallel().mapToObj(i -> {
            float[] words = new float[WORD_DIMENSIONS];
            for (String term : terms.get(i)) {
                int count = frequency.get(term);
                if (count < 2) {
                    continue;
                }
                int hash = term.hashCode() * 0x9E3779B9;
                words[Math.floorMod(hash, WORD_DIMENSIONS)] += (float) (((hash >>> 31) == 0 ? 1 : -1)
                        * Math.log(items.size() / (double) count));
            }
            float[] semantic = unit(items.get(i).vector());
            float[] lexical = unit(words);
            float[] joined = new float[semantic.length + WORD_DIMENSIONS];
            for (int d = 0; d < semantic.length; d++) {
                joined[d] = (float) (semantic[d] * Math.sqrt(1 - WORD_WEIGHT));
            }
            for (int d = 0; d < WORD_DIMENSIONS; d++) {
                joined[semantic.length + d] = (float) (lexical[d] * Math.sqrt(WORD_WEIGHT));
            }
            return joined;
        }).toList();
    }

    /**
     * Sentence embeddings share a large common direction, which makes everything look alike;
     * taking the set's mean away leaves what tells the items apart.
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

    static float[] mean(List<float[]> vectors, List<Integer> members) {
        float[] sum = new float[vectors.get(members.get(0)).length];
        for (int i : members) {
            float[] v = vectors.get(i);
            for (int d = 0; d < sum.length; d++) {
                sum[d] += v[d];
            }
        }
        return unit(sum);
    }

    static float[] unit(float[] vector) {
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

    /** Four running sums, so that the processor can work on them side by side: most of the grouping time is here. */
    static double dot(float[] a, float[] b) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int d = 0;
        for (int end = a.length - 3; d < end; d += 4) {
            s0 += a[d] * b[d];
            s1 += a[d + 1] * b[d + 1];
            s2 += a[d + 2] * b[d + 2];
            s3 += a[d + 3] * b[d + 3];
        }
        for (; d < a.length; d++) {
            s0 += a[d] * b[d];
        }
        return (double) s0 + s1 + s2 + s3;
    }

    // ------------------------------------------------------------------ text

    /** How many of a group's items use each word and each pair of neighbouring words (stop words left out). */
    private static Map<String, Integer> termCounts(List<Set<String>> terms, List<Integer> members) {
        Map<String, Integer> counts = new HashMap<>();
        for (int i : members) {
            for (String term : terms.get(i)) {
                counts.merge(term, 1, Integer::sum);
            }
        }
        return counts;
    }

    private static final String[] SUFFIXES = {"ingen", "ings", "ing", "ies", "ed", "es", "en", "s", "e"};

    /**
     * The terms with a crude suffix cut, so that "booking", "booked" and "bookings" (or "bezorgen" and "bezorging")
     * pull together in the word part of the vectors; labels keep the words as people wrote them.
     */
    static Set<String> stems(Set<String> terms) {
        Set<String> stems = new LinkedHashSet<>();
        for (String term : terms) {
            StringBuilder stemmed = new StringBuilder();
            for (String word : term.split(" ")) {
                String stem = word;
                for (String suffix : SUFFIXES) {
                    if (word.endsWith(suffix) && word.length() - suffix.length() >= 4) {
                        stem = word.substring(0, word.length() - suffix.length());
                        break;
                    }
                }
                stemmed.append(stemmed.length() == 0 ? "" : " ").append(stem);
            }
            stems.add(stemmed.toString());
        }
        return stems;
    }

    static Set<String> terms(String text) {
        Set<String> terms = new LinkedHashSet<>();
        String lower = PLACEHOLDER.matcher(text).replaceAll(" ").toLowerCase(Locale.ROOT);
        Matcher words = WORD.matcher(lower);
        String previous = null;
        int previousEnd = -1;
        while (words.find()) {
            String word = words.group().replace('’', '\'');
            boolean stop = word.length() < 3 || StopWords.contains(word) || word.startsWith("http");
            if (stop) {
                previous = null;
                continue;
            }
            terms.add(word);
            boolean adjacent = previous != null && lower.substring(previousEnd, words.start()).isBlank();
            if (adjacent) {
                terms.add(previous + " " + word);
            }
            previous = word;
            previousEnd = words.end();
        }
        return terms;
    }

    private static Double meanLevel(List<Item> items, List<Integer> members) {
        double sum = 0;
        int count = 0;
        for (int i : members) {
            if (items.get(i).level() != null) {
                sum += items.get(i).level();
                count++;
            }
        }
        return count == 0 ? null : round(sum / count, 2);
    }

    private static String snippet(String text) {
        return text.length() <= QUOTE_LENGTH ? text : text.substring(0, QUOTE_LENGTH - 1).strip() + "…";
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
