package com.journeyassistant.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.journeyassistant.platform.Role;
import com.journeyassistant.platform.Users;
import com.journeyassistant.support.ApiTest;
import com.journeyassistant.support.WebSession;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every form that creates something is safe to send twice — a double click, the back button and
 * send again, a retry: the second submit of the same form (the same token) is sent where the first
 * led, and nothing is made twice. The requests are the browser's own (the form's fields, its CSRF
 * token and its submission token), sent twice.
 */
abstract class DoubleSubmitContract extends ApiTest {

    private static final String PASSWORD = "the-double-clicker-password";

    @Autowired
    Users users;

    private WebSession person;

    @BeforeEach
    void signIn() {
        String email = "clicker@" + ws.slug() + ".example";
        users.ensure(ws.id(), email, PASSWORD, Role.ADMIN);
        person = WebSession.signIn(port, email, PASSWORD);
    }

    @Test
    void aNewJourneySentTwiceIsMadeOnce() {
        String page = person.get("/journeys").body();
        Map<String, String> form = Map.of("name", "Dubbelklik", "language", "NL", "stageModel", "STDC",
                "customStages", "", "submission", WebSession.hidden(page, "submission"));

        HttpResponse<String> first = person.postForm("/journeys", WebSession.hidden(page, "_csrf"), form);
        HttpResponse<String> second = person.postForm("/journeys", WebSession.hidden(page, "_csrf"), form);

        assertThat(first.statusCode()).isEqualTo(302);
        assertThat(second.statusCode()).isEqualTo(302);
        assertThat(second.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        assertThat(journeysNamed("Dubbelklik")).isEqualTo(1);

        // the page sent again has a new token: a second journey on purpose is made
        String again = person.get("/journeys").body();
        assertThat(WebSession.hidden(again, "submission")).isNotEqualTo(form.get("submission"));
        person.postForm("/journeys", WebSession.hidden(again, "_csrf"), Map.of("name", "Dubbelklik", "language", "NL",
                "stageModel", "STDC", "customStages", "", "submission", WebSession.hidden(again, "submission")));
        assertThat(journeysNamed("Dubbelklik")).isEqualTo(2);
    }

    @Test
    void aRefusedFormKeepsNothingSoItsCorrectionGoesThrough() {
        String page = person.get("/journeys").body();
        String token = WebSession.hidden(page, "submission");
        HttpResponse<String> refused = person.postForm("/journeys", WebSession.hidden(page, "_csrf"),
                Map.of("name", " ", "language", "NL", "stageModel", "STDC", "customStages", "", "submission", token));
        assertThat(refused.statusCode()).isEqualTo(400);

        HttpResponse<String> corrected = person.postForm("/journeys", WebSession.hidden(page, "_csrf"),
                Map.of("name", "Na correctie", "language", "NL", "stageModel", "STDC", "customStages", "",
                        "submission", token));
        assertThat(corrected.statusCode()).isEqualTo(302);
        assertThat(journeysNamed("Na correctie")).isEqualTo(1);
    }

    @Test
    void aMapFileImportedTwiceIsOneJourney() {
        String journey = ws.editor().post(ws.path("/journeys"), com.journeyassistant.support.Api.object(
                "name", "Origineel", "language", "nl")).json().path("id").asString();
        byte[] file = ws.viewer().get(ws.path("/journeys/" + journey + "/export")).raw()
                .replace("Origineel", "Kopie uit bestand").getBytes(StandardCharsets.UTF_8);
        String page = person.get("/journeys").body();
        Map<String, String> fields = Map.of("submission", WebSession.hidden(page, "submission"));

        HttpResponse<String> first = person.postFile("/journeys/import", WebSession.hidden(page, "_csrf"), fields,
                "kopie.journey.json", file);
        HttpResponse<String> second = person.postFile("/journeys/import", WebSession.hidden(page, "_csrf"), fields,
                "kopie.journey.json", file);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(302);
        assertThat(second.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        assertThat(journeysNamed("Kopie uit bestand")).isEqualTo(1);
    }

    @Test
    void anUploadImportedTwiceStoresItsRowsOnceAndShowsTheFirstResult() {
        String page = person.get("/evidence").body();
        byte[] csv = "text;csat\nDe bezorging was snel;5\nDe retour duurde lang;2\n".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> preview = person.postFile("/evidence/upload", WebSession.hidden(page, "_csrf"),
                Map.of("kind", "FEEDBACK"), "reviews.csv", csv);
        assertThat(preview.statusCode()).isEqualTo(200);
        java.util.regex.Matcher action = java.util.regex.Pattern.compile("action=\"(/evidence/upload/[0-9a-f-]{36})\"")
                .matcher(preview.body());
        assertThat(action.find()).as("the preview offers the import").isTrue();
        String csrf = WebSession.hidden(preview.body(), "_csrf");

        HttpResponse<String> first = person.postForm(action.group(1), csrf, Map.of("action", "import"));
        HttpResponse<String> second = person.postForm(action.group(1), csrf, Map.of("action", "import"));

        assertThat(first.statusCode()).isEqualTo(302);
        assertThat(first.headers().firstValue("Location").orElseThrow()).contains("stored=2");
        assertThat(second.statusCode()).as("not a 410: the import ran").isEqualTo(302);
        assertThat(second.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        assertThat(count("feedback")).isEqualTo(2);
    }

    @Test
    void aNewConversationAskedForTwiceIsOne() {
        String journey = ws.editor().post(ws.path("/journeys"), com.journeyassistant.support.Api.object(
                "name", "Gesprekken", "language", "nl")).json().path("id").asString();
        String page = person.get(person.get("/journeys/" + journey + "/chat").headers().firstValue("Location")
                .map(location -> java.net.URI.create(location).getPath()).orElseThrow()).body();
        long before = count("conversation");
        Map<String, String> form = Map.of("submission", WebSession.hidden(page, "submission"));

        HttpResponse<String> first = person.postForm("/journeys/" + journey + "/chat", WebSession.hidden(page, "_csrf"),
                form);
        HttpResponse<String> second = person.postForm("/journeys/" + journey + "/chat", WebSession.hidden(page, "_csrf"),
                form);

        assertThat(second.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        assertThat(count("conversation")).isEqualTo(before + 1);
    }

    @Test
    void anApiKeyAskedForTwiceIsOneAndItsSecretIsNotShownAgain() {
        String page = person.get("/settings").body();
        String token = WebSession.hidden(page.substring(page.indexOf("action=\"/settings/keys\"")), "submission");
        Map<String, String> form = Map.of("name", "Koppeling", "role", "VIEWER", "submission", token);

        HttpResponse<String> first = person.postForm("/settings/keys", WebSession.hidden(page, "_csrf"), form);
        HttpResponse<String> second = person.postForm("/settings/keys", WebSession.hidden(page, "_csrf"), form);

        java.util.regex.Matcher secret = java.util.regex.Pattern.compile("ja_[A-Za-z0-9_-]{20,}").matcher(first.body());
        assertThat(secret.find()).as("the first answer shows the secret").isTrue();
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.body()).doesNotContain(secret.group()).contains("Koppeling");
        assertThat(ws.admin().get(ws.path("/api-keys")).json().valueStream()
                .filter(k -> k.path("name").asString().equals("Koppeling")).count()).isEqualTo(1);
    }

    private long journeysNamed(String name) {
        return ws.viewer().get(ws.path("/journeys")).json().valueStream()
                .filter(j -> j.path("name").asString().equals(name)).count();
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table + " where workspace_id = ?").param(ws.id())
                .query(Long.class).single();
    }
}
