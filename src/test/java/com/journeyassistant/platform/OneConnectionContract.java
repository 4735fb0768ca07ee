package com.journeyassistant.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.journeyassistant.support.Api;
import com.journeyassistant.support.ApiTest;
import com.journeyassistant.support.WebSession;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A request needs one database connection at a time, whatever the map's size. The tests run with
 * the connection budget failing any borrow made while the same request holds a connection (every
 * suite on {@link ApiTest} does), so a page that needs two answers 500; this one visits every page
 * and read of the demo map and also checks that no such borrow was made and swallowed. (Before,
 * every signed-in request held two on PostgreSQL, its session read inside the lookup of who was
 * signed in, and an opportunity read its links inside its own row mapping.)
 */
abstract class OneConnectionContract extends ApiTest {

    @Test
    void everyPageAndReadOfTheDemoMapNeedsOneConnection() {
        Api demo = new Api(port, DEMO_KEY);
        String api = "/api/workspaces/demo";
        String journey = demo.get(api + "/journeys").json().get(0).path("id").asString();
        JsonNode touchpoints = demo.get(api + "/journeys/" + journey + "/touchpoints").json();
        JsonNode stages = demo.get(api + "/journeys/" + journey + "/stages").json();
        JsonNode opportunities = demo.get(api + "/journeys/" + journey + "/opportunities").json();
        assertThat(opportunities.size()).as("the demo map has opportunities with links").isPositive();

        List<String> pages = new ArrayList<>(List.of("/journeys", "/journeys/" + journey,
                "/journeys/" + journey + "/insights", "/journeys/" + journey + "/review",
                "/journeys/" + journey + "/experiments", "/journeys/" + journey + "/chat",
                "/journeys/" + journey + "/batches", "/journeys/" + journey + "/export",
                "/journeys/" + journey + "/delete", "/journeys/" + journey + "/stages/" + stages.get(0).path("id").asString(),
                "/evidence", "/evidence/held-back", "/evidence/indexing", "/settings", "/settings/users"));
        for (int i = 0; i < Math.min(3, touchpoints.size()); i++) {
            pages.add("/journeys/" + journey + "/touchpoints/" + touchpoints.get(i).path("id").asString());
        }
        opportunities.forEach(o -> pages.add("/journeys/" + journey + "/opportunities/" + o.path("id").asString()));

        List<String> reads = new ArrayList<>(List.of(api + "/journeys/" + journey,
                api + "/journeys/" + journey + "/insights", api + "/journeys/" + journey + "/personas",
                api + "/journeys/" + journey + "/analytics", api + "/journeys/" + journey + "/export",
                api + "/journeys/" + journey + "/suggestions", api + "/evidence/search?q=bezorging&k=5",
                api + "/evidence/index"));
        opportunities.forEach(o -> {
            reads.add(api + "/opportunities/" + o.path("id").asString());
            reads.add(api + "/opportunities/" + o.path("id").asString() + "/solutions");
        });
        demo.get(api + "/journeys/" + journey + "/insights").json()
                .forEach(i -> reads.add(api + "/insights/" + i.path("id").asString()));

        WebSession person = WebSession.signIn(port, DEMO_USER, DEMO_PASSWORD);
        Map<String, Integer> failed = new LinkedHashMap<>();
        for (String page : pages) {
            HttpResponse<String> answer = person.get(page);
            if (answer.statusCode() == 302) {
                // the chat opens the latest conversation
                answer = person.get(java.net.URI.create(answer.headers().firstValue("Location").orElseThrow()).getPath());
            }
            if (answer.statusCode() != 200) {
                failed.put(page, answer.statusCode());
            }
        }
        for (String read : reads) {
            Api.Response answer = demo.get(read);
            if (answer.status() != 200) {
                failed.put(read, answer.status());
            }
        }
        assertThat(failed).as("pages and reads that did not answer with one connection").isEmpty();
        assertThat(ConnectionBudget.overruns()).as("borrows made while a request held a connection").isEmpty();
        assertThat(pages.size() + reads.size()).isGreaterThan(30);
    }
}
