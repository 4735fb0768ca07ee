package com.journeyassistant.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SentimentTest {

    /** Sentences written for this test, not taken from the demo data; +1 positive, -1 negative. */
    private static final Map<String, Integer> LABELLED = Map.ofEntries(
            Map.entry("De monteur was vriendelijk en legde alles duidelijk uit", 1),
            Map.entry("Snelle levering, prima fiets, echt tevreden", 1),
            Map.entry("Geweldige service in de winkel, een aanrader", 1),
            Map.entry("Fijn dat de klantenservice zo behulpzaam was", 1),
            Map.entry("Niet slecht geregeld eigenlijk", 1),
            Map.entry("Great advice and a smooth test ride, thanks", 1),
            Map.entry("The app is easy to use and the reminders are helpful", 1),
            Map.entry("Really happy with the friendly delivery crew", 1),
            Map.entry("Nothing wrong with the checkout, it was quick", 1),
            Map.entry("Professional repair, fixed within a day", 1),
            Map.entry("De bezorging was te laat en niemand liet iets weten", -1),
            Map.entry("Heel teleurgesteld, de accu was na een week kapot", -1),
            Map.entry("De checkout is traag en onduidelijk, frustrerend", -1),
            Map.entry("Helaas was de fiets beschadigd bij aflevering", -1),
            Map.entry("De uitleg was niet duidelijk en het personeel niet vriendelijk", -1),
            Map.entry("Lang wachten aan de telefoon, waardeloos", -1),
            Map.entry("The payment kept failing, very frustrating", -1),
            Map.entry("Delivery was late and nobody answered my email", -1),
            Map.entry("Not helpful at all, the advisor was rude", -1),
            Map.entry("Unfortunately the battery is broken again", -1));

    @Test
    void labelledDutchAndEnglishSentencesGetTheRightSign() {
        int right = 0;
        for (Map.Entry<String, Integer> sentence : LABELLED.entrySet()) {
            Double score = Sentiment.score(sentence.getKey());
            if (score != null && Math.signum(score) == sentence.getValue()) {
                right++;
            }
        }
        assertThat(right / (double) LABELLED.size()).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void negationTurnsTheWordsAfterItRoundButLessThanTheOpposite() {
        double clear = Sentiment.score("duidelijk");
        assertThat(clear).isPositive();
        assertThat(Sentiment.score("niet duidelijk")).isNegative().isGreaterThan(-clear);
        assertThat(Sentiment.score("not very helpful")).isNegative();
        assertThat(Sentiment.score("niet slecht")).as("not bad is mildly positive").isPositive()
                .isLessThan(Sentiment.score("goed"));
        assertThat(Sentiment.score("niet slecht, maar traag")).as("what follows 'maar' weighs more").isNegative();
        assertThat(Sentiment.score("geen probleem, echt top")).isPositive();
    }

    @Test
    void intensifiersAndSoftenersChangeTheStrength() {
        assertThat(Sentiment.score("erg traag")).isLessThan(Sentiment.score("traag"));
        assertThat(Sentiment.score("traag")).isLessThan(Sentiment.score("een beetje traag")).isNegative();
        assertThat(Sentiment.score("really great")).isGreaterThan(Sentiment.score("great"));
        assertThat(Sentiment.score("slightly disappointing")).isNegative()
                .isGreaterThan(Sentiment.score("disappointing"));
    }

    @Test
    void dutchCompoundsCountByThePartThatCarriesTheSentiment() {
        assertThat(Sentiment.score("Weer een levertijdprobleem")).isNegative();
        assertThat(Sentiment.score("Topservice van de monteur")).isPositive();
        assertThat(Sentiment.score("Echt een topwinkel")).isPositive();
        assertThat(Sentiment.score("superblij met de fiets")).isGreaterThan(Sentiment.score("blij met de fiets"));
        assertThat(Sentiment.score("Ik had meer verwachten")).as("'verwachten' is not 'wachten'").isNull();
    }

    @Test
    void emojiAndEmoticonsCountLikeWords() {
        assertThat(Sentiment.score("Bezorging 👍")).isPositive();
        assertThat(Sentiment.score("Bezorging 😡😡")).isNegative();
        assertThat(Sentiment.score("thanks :)")).isGreaterThan(Sentiment.score("thanks"));
        assertThat(Sentiment.score("Nooit meer bij deze winkel")).isNegative();
        assertThat(Sentiment.score("never again")).isNegative();
    }

    @Test
    void scoresStayBetweenMinusOneAndOne() {
        assertThat(Sentiment.score("great great great amazing perfect love love 😍😍😍")).isLessThan(1).isGreaterThan(0.9);
        assertThat(Sentiment.score("terrible awful worst horrible 😡 useless")).isGreaterThan(-1).isLessThan(-0.9);
    }

    @Test
    void textWithoutSentimentWordsHasNoScore() {
        assertThat(Sentiment.score("Ik heb een vraag over mijn bestelling 12345")).isNull();
        assertThat(Sentiment.score("")).isNull();
    }
}
