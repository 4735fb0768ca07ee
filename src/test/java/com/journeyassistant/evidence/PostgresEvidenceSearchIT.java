package com.journeyassistant.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import com.journeyassistant.support.DatabaseOwner;
import com.journeyassistant.support.PostgresBackend;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

@PostgresBackend
class PostgresEvidenceSearchIT extends EvidenceSearchContract {

    @Autowired
    Environment environment;

    @Test
    void aLongQuerySearchesTextByItsRarestWordsOnceTheIndexHasStatistics() {
        DatabaseOwner.execute(environment, "analyze evidence_index");
        String pasted = "Ik heb een vraag over mijn fiets en ik wil graag weten hoe het zit met de garantie, want de"
                + " accu gaat in de winter veel minder lang mee dan ik had verwacht toen ik hem kocht in de winkel en"
                + " ik vind dat eigenlijk niet goed want ik gebruik de fiets elke dag om naar mijn werk te gaan";
        assertThat(pasted.split(" ").length).isGreaterThan(IndexStores.Postgres.LONG_QUERY_WORDS);

        var text = search("q=" + URLEncoder.encode(pasted, StandardCharsets.UTF_8) + "&mode=text&k=3").json();
        assertThat(externalIdsOf(text)).as("the battery complaints share its rare words").contains("B-2");
        var hybrid = search("q=" + URLEncoder.encode(pasted, StandardCharsets.UTF_8) + "&k=3").json();
        assertThat(externalIdsOf(hybrid).get(0)).startsWith("B-");
    }
}
