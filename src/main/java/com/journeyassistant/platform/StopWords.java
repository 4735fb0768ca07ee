package com.journeyassistant.platform;

import java.util.HashSet;
import java.util.Set;

/**
 * The one Dutch and English stop-word lexicon: the function words (articles, pronouns,
 * auxiliaries, prepositions, conjunctions and filler adverbs) that carry no topic. Search
 * leaves them out of its terms, themes out of their keywords, and the import tells the two
 * languages apart by which of them a text uses. Lower case, as words are compared.
 */
public final class StopWords {

    public static final Set<String> DUTCH = Set.of(
            "de", "het", "een", "en", "van", "ik", "te", "dat", "die", "in", "is", "op", "aan", "met", "voor", "er", "om",
            "was", "mijn", "je", "niet", "maar", "of", "bij", "ook", "als", "dan", "nog", "wel", "al", "naar", "uit", "kan",
            "zijn", "werd", "had", "heb", "hebben", "wordt", "worden", "jullie", "jij", "wij", "we", "ze", "hun", "hij",
            "zij", "dit", "deze", "daar", "hier", "waar", "wat", "wie", "hoe", "toen", "omdat", "want", "door", "over",
            "onder", "tot", "zo", "zou", "moet", "moest", "kon", "kwam", "geen", "meer", "veel", "erg", "heel", "echt",
            "toch", "even", "keer", "alle", "alles", "iets", "niets", "mij", "me", "ons", "onze", "uw", "jouw", "haar",
            "wanneer", "zodat", "kunnen", "heeft", "hadden", "waren", "zich", "men", "u", "mee", "nu", "dus", "nooit");

    public static final Set<String> ENGLISH = Set.of(
            "the", "a", "an", "and", "of", "to", "is", "was", "it", "in", "on", "for", "my", "i", "with", "at", "be", "this",
            "that", "are", "me", "we", "they", "not", "but", "or", "so", "no", "you", "your", "our", "them", "their", "have",
            "has", "had", "were", "been", "from", "about", "into", "than", "then", "there", "here", "what", "when", "where",
            "which", "who", "how", "would", "could", "should", "very", "just", "too", "also", "all", "any", "some", "one",
            "two", "out", "after", "before", "again", "because", "only", "still", "even", "can", "did", "didn't", "does",
            "its", "his", "her", "she", "him", "will", "more", "much", "get", "got", "these", "those", "whether", "really",
            "by", "do", "if", "as", "us", "he", "am", "don't", "can't", "i'm", "you're", "it's", "i've", "that's",
            "won't", "isn't", "now", "like", "yes", "yet", "ever", "i'll", "we're", "they're");

    private static final Set<String> BOTH = both();

    private StopWords() {
    }

    /** A stop word in either language. */
    public static boolean contains(String lowerCaseWord) {
        return BOTH.contains(lowerCaseWord);
    }

    private static Set<String> both() {
        Set<String> both = new HashSet<>(DUTCH);
        both.addAll(ENGLISH);
        return Set.copyOf(both);
    }
}
