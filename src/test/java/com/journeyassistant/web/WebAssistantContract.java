package com.journeyassistant.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.journeyassistant.support.Api.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.journeyassistant.platform.Role;
import com.journeyassistant.platform.Users;
import com.journeyassistant.suggestions.Suggestions;
import com.journeyassistant.support.ApiTest;
import com.journeyassistant.support.Browser;
import com.journeyassistant.support.FakeChatModel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The pages where people work with the assistant, in a real headless Chromium against WireMock
 * speaking the OpenAI protocol. Chat: the answer's words appear while the model still writes, a
 * citation chip opens its quote, a proposal runs only when the user confirms it, a failing model
 * is a warning. Touchpoint panel: a stale edit shows both versions and overwrites nothing;
 * generated variants arrive with their citations.
 */
abstract class WebAssistantContract extends ApiTest {

    private static final String PATH = "/v1/chat/completions";
    static final WireMockServer model = FakeChatModel.startServer();

    @DynamicPropertySource
    static void chatModel(DynamicPropertyRegistry registry) {
        FakeChatModel.configure(registry, model);
    }

    @Autowired
    Users users;
    @Autowired
    Suggestions suggestions;

    private Browser browser;
    private String journeyId;
    private String touchpointId;

    @BeforeEach
    void aJourneyWithEvidenceAndAnEditorInTheBrowser() throws InterruptedException {
        model.resetAll();
        journeyId = ws.editor().post(ws.path("/journeys"), object("name", "Webshop", "language", "nl"))
                .json().path("id").asString();
        String stageId = ws.viewer().get(ws.path("/journeys/" + journeyId + "/stages")).json().get(2).path("id")
                .asString();
        touchpointId = ws.editor().post(ws.path("/journeys/" + journeyId + "/touchpoints"), object("stageId", stageId,
                "name", "Orderbevestiging", "channel", "EMAIL")).json().path("id").asString();
        ws.editor().postRaw(ws.path("/evidence/feedback"), "text;csat;touchpoint_id\n"
                + "\"Na het betalen wist ik niet of de bestelling gelukt was, mail jan.jansen@example.nl\";2;"
                + touchpointId + "\n"
                + "\"De bevestiging kwam pas na twee dagen\";2;" + touchpointId + "\n", "text/csv");
        ws.awaitEvidenceIndexed();
        String email = "chatter@" + ws.slug() + ".example";
        users.ensure(ws.id(), email, "the-chatter-password", Role.EDITOR);
        browser = new Browser(port);
        browser.open("/login?lang=en");
        browser.find("#username").sendKeys(email);
        browser.find("#password").sendKeys("the-chatter-password");
        browser.find("form button[type=submit]").click();
        browser.awaitPath("/journeys");
    }

    @AfterEach
    void closeTheBrowser() {
        browser.close();
    }

    @Test
    void anAnswerStreamsIntoThePageCitesItsQuoteAndItsProposalRunsOnlyWhenConfirmed() {
        // the model searches the evidence, proposes two e-mails, then answers slowly enough to watch it arrive
        model.stubFor(post(urlEqualTo(PATH)).inScenario("turn").whenScenarioStateIs(Scenario.STARTED)
                .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
                .willReturn(sse(FakeChatModel.streamedToolCall("call_1", "searchEvidence",
                        "{\"query\": \"betaling gelukt\"}"))).willSetStateTo("searched"));
        model.stubFor(post(urlEqualTo(PATH)).inScenario("turn").whenScenarioStateIs("searched")
                .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
                .willReturn(sse(FakeChatModel.streamedToolCall("call_2", "generateContentVariants",
                        "{\"touchpointId\": \"" + touchpointId + "\", \"count\": 2}"))).willSetStateTo("proposed"));
        String[] words = ("Klanten weten na het betalen niet of hun bestelling gelukt is [F1]. "
                + "Ik stel twee mails voor de orderbevestiging voor; bevestig het voorstel als je dat wilt.").split("(?<= )");
        model.stubFor(post(urlEqualTo(PATH)).inScenario("turn").whenScenarioStateIs("proposed")
                .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
                .willReturn(sse(FakeChatModel.streamed(words)).withChunkedDribbleDelay(words.length, 3000)));
        model.stubFor(post(urlEqualTo(PATH)).atPriority(1).withRequestBody(containing("content_variants"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(FakeChatModel.completion(
                        FakeChatModel.json(Map.of("variants", List.of(
                                variant("Zekerheid", "Je bestelling is binnen"),
                                variant("Snelheid", "Morgen al bij je")))), 900, 150))));

        browser.open("/journeys/" + journeyId + "/chat");
        String conversationPath = browser.awaitPath("/journeys/" + journeyId + "/chat/");
        assertThat(browser.find("h1").getText()).isEqualTo("Ask the assistant");
        browser.assertAccessible("chat, empty");

        browser.find("#content").sendKeys("Waarom twijfelen klanten na het betalen?");
        browser.find("form.ask button[type=submit]").click();

        WebElement streaming = browser.find(".message.assistant.streaming .text");
        String partial = wait(Duration.ofSeconds(10)).until(d -> {
            String text = streaming.getText();
            return text.isEmpty() ? null : text;
        });
        assertThat(browser.all(".message.assistant.streaming")).as("still streaming when the first words show")
                .isNotEmpty();
        assertThat(partial).startsWith("Klanten");
        assertThat(browser.find("#content").getAttribute("value")).as("the form is emptied for the next question")
                .isEmpty();

        wait(Duration.ofSeconds(20)).until(d -> browser.all(".message.assistant.streaming").isEmpty());
        WebElement answer = browser.find(".message.assistant");
        assertThat(answer.getText()).contains("Klanten weten na het betalen niet of hun bestelling gelukt is");
        assertThat(browser.all(".message.user .text")).extracting(WebElement::getText)
                .containsExactly("Waarom twijfelen klanten na het betalen?");

        WebElement chip = browser.find(".message.assistant .chip");
        assertThat(chip.getText()).isEqualTo("F1");
        chip.click();
        WebElement quote = browser.find(".message.assistant .quote");
        wait(Duration.ofSeconds(5)).until(d -> quote.isDisplayed());
        assertThat(quote.getText()).contains("Na het betalen wist ik niet of de bestelling gelukt was")
                .doesNotContain("jan.jansen@example.nl");
        browser.screenshot("chat-quote-en");
        chip.sendKeys(org.openqa.selenium.Keys.ESCAPE);

        WebElement proposal = browser.find(".proposal");
        assertThat(proposal.getText()).contains("2 content variant(s)").contains("Nothing changes until you confirm");
        assertThat(suggestions.forTarget(ws.id(), "touchpoint", UUID.fromString(touchpointId)))
                .as("nothing is generated on the model's word").isEmpty();
        browser.assertAccessible("chat, answered");
        browser.screenshot("chat-en");

        proposal.findElement(org.openqa.selenium.By.cssSelector("button.primary")).click();
        wait(Duration.ofSeconds(20)).until(d -> !browser.all(".proposal-applied").isEmpty());
        assertThat(browser.find(".proposal-applied").getText()).contains("2 suggestions are waiting for review");
        assertThat(suggestions.forTarget(ws.id(), "touchpoint", UUID.fromString(touchpointId)))
                .extracting(Suggestions.Suggestion::headline)
                .containsExactlyInAnyOrder("Je bestelling is binnen", "Morgen al bij je");

        // the conversation as it is read back later: same chips, the proposal decided, in Dutch too
        browser.open(conversationPath + "?lang=nl");
        assertThat(browser.find("h1").getText()).isEqualTo("Vraag de assistent");
        assertThat(browser.all(".message.assistant .chip")).extracting(WebElement::getText).contains("F1");
        assertThat(browser.all(".proposal-applied")).as("shown once, on the answer that proposed it").hasSize(1);
        assertThat(browser.all(".message.assistant")).as("the note kept for the model is not shown").hasSize(1);
        assertThat(browser.all(".proposal button")).as("a decided proposal offers no buttons").isEmpty();
        browser.assertAccessible("chat (nl)");
        browser.screenshot("chat-nl");
    }

    @Test
    void aModelThatFailsIsAWarningInTheConversationAndAnotherUsersConversationIsNotFound() {
        model.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\": {\"message\": \"Incorrect API key provided\", \"type\": \"invalid_request_error\"}}")));
        browser.open("/journeys/" + journeyId + "/chat");
        String conversationPath = browser.awaitPath("/journeys/" + journeyId + "/chat/");

        browser.find("#content").sendKeys("Hoe gaat het met de orderbevestiging?");
        browser.find("form.ask button[type=submit]").click();

        WebElement warning = wait(Duration.ofSeconds(30)).until(d -> browser.all(".message.failed .warning").stream()
                .findFirst().orElse(null));
        assertThat(warning.getText()).contains("The model service failed this request")
                .contains("status 401");
        browser.screenshot("chat-model-unavailable-en");

        String other = "other@" + ws.slug() + ".example";
        users.ensure(ws.id(), other, "the-other-password", Role.EDITOR);
        try (Browser second = new Browser(port)) {
            second.open("/login?lang=en");
            second.find("#username").sendKeys(other);
            second.find("#password").sendKeys("the-other-password");
            second.find("form button[type=submit]").click();
            second.awaitPath("/journeys");
            second.open(conversationPath);
            assertThat(second.find("h1").getText()).as("someone else's conversation").isEqualTo("This page cannot be shown");
            assertThat(second.find("main").getText()).contains("There is nothing here in your workspace");
        }
    }

    @Test
    void aTouchpointEditedMeanwhileShowsBothVersionsAndGeneratedVariantsArriveWithTheirQuotes() {
        model.stubFor(post(urlEqualTo(PATH)).withRequestBody(containing("content_variants"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(FakeChatModel.completion(
                        FakeChatModel.json(Map.of("variants", List.of(
                                variant("Zekerheid", "Je bestelling is binnen"),
                                variant("Snelheid", "Morgen al bij je")))), 900, 150)).withFixedDelay(1500)));
        String panel = "/journeys/" + journeyId + "/touchpoints/" + touchpointId;
        browser.open("/journeys/" + journeyId);
        browser.find(".touchpoint h4 a").click();
        assertThat(browser.awaitPath(panel)).isEqualTo(panel);
        assertThat(browser.find("h1").getText()).isEqualTo("Orderbevestiging");
        assertThat(browser.all(".hit blockquote")).extracting(WebElement::getText)
                .contains("De bevestiging kwam pas na twee dagen");
        browser.assertAccessible("touchpoint panel");

        // someone else saves first, through the API
        var current = ws.viewer().get(ws.path("/touchpoints/" + touchpointId)).json();
        assertThat(ws.editor().put(ws.path("/touchpoints/" + touchpointId), object("stageId",
                current.path("stageId").asString(), "name", "Bevestigingsmail", "channel", "EMAIL",
                "version", current.path("version").asLong())).status()).isEqualTo(200);

        browser.find("#tp-owner").sendKeys("Team CRM");
        browser.find("#tp-name").clear();
        browser.find("#tp-name").sendKeys("Orderbevestiging per mail");
        browser.find(".panel-block .form button[type=submit]").click();
        WebElement conflict = browser.find("[role=alert]");
        assertThat(conflict.getText()).contains("Someone saved this touchpoint while you were editing it")
                .contains("The API key \"editor\" saved their version")
                .contains("Bevestigingsmail").contains("Orderbevestiging per mail").contains("Team CRM");
        assertThat(ws.viewer().get(ws.path("/touchpoints/" + touchpointId)).json().path("name").asString())
                .as("nothing overwritten").isEqualTo("Bevestigingsmail");
        assertThat(browser.find("#tp-name").getAttribute("value")).as("what the user typed is kept")
                .isEqualTo("Orderbevestiging per mail");
        browser.assertAccessible("touchpoint conflict");
        browser.screenshot("touchpoint-conflict-en");
        browser.find(".panel-block .form button[type=submit]").click();
        browser.awaitPath(panel + "?saved");
        var saved = ws.viewer().get(ws.path("/touchpoints/" + touchpointId)).json();
        assertThat(saved.path("name").asString()).as("kept theirs over, on purpose").isEqualTo("Orderbevestiging per mail");
        assertThat(saved.path("owner").asString()).isEqualTo("Team CRM");

        browser.find("#v-count").clear();
        browser.find("#v-count").sendKeys("2");
        browser.find("#v-brief").sendKeys("Geef zekerheid direct na het betalen");
        browser.find(".ask-grid form button[type=submit]").click();
        wait(Duration.ofSeconds(5)).until(d -> browser.find("#writing").isDisplayed());
        wait(Duration.ofSeconds(30)).until(d -> browser.all("#generated .suggestion").size() == 2);
        assertThat(browser.find("#writing").isDisplayed()).as("the progress note goes once the answer is in").isFalse();
        assertThat(browser.all("#generated .suggestion h4")).extracting(WebElement::getText)
                .containsExactlyInAnyOrder("Je bestelling is binnen", "Morgen al bij je");
        WebElement chip = browser.find("#generated .chip");
        chip.click();
        WebElement quote = browser.find("#generated .quote");
        wait(Duration.ofSeconds(5)).until(d -> quote.isDisplayed());
        assertThat(quote.getText()).contains("Na het betalen wist ik niet");
        browser.screenshot("touchpoint-variants-en");
        chip.sendKeys(org.openqa.selenium.Keys.ESCAPE);
        browser.assertAccessible("touchpoint with variants");

        browser.open(panel + "?lang=nl");
        assertThat(browser.all(".suggestion")).as("stored, shown with the touchpoint from now on").hasSize(2);
        assertThat(browser.find("#ask-title").getText()).isEqualTo("Vraag de assistent");
        browser.screenshot("touchpoint-nl");
    }

    @Test
    void anAdminTestsTheModelEditsTheBrandProfileWithoutOverwritingAndIssuesAKeyShownOnce() {
        model.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody(FakeChatModel.completion("OK", 12, 1))));
        String admin = "admin@" + ws.slug() + ".example";
        users.ensure(ws.id(), admin, "the-admin-password", Role.ADMIN);
        browser.find(".top form button").click();
        browser.awaitPath("/login");
        browser.find("#username").sendKeys(admin);
        browser.find("#password").sendKeys("the-admin-password");
        browser.find("form button[type=submit]").click();
        browser.awaitPath("/journeys");

        browser.open("/settings");
        assertThat(browser.find("#model-title + p").getText()).contains("test-model");
        browser.find("#model-title ~ form button").click();
        assertThat(browser.find("#model-title ~ [role=status]").getText()).startsWith("The model answered in");

        browser.find("#tone").sendKeys("Nuchter en behulpzaam");
        browser.find("#wordsToAvoid").sendKeys("goedkoop\nkoopje");
        // someone saves the profile first, through the API
        assertThat(ws.admin().put(ws.path("/brand-profile"), object("tone", "Vrolijk", "defaultLanguage", "nl",
                "version", 0)).status()).isEqualTo(200);
        browser.find("#brand-title ~ form button[type=submit]").click();
        assertThat(browser.find("#brand-title ~ [role=alert]").getText()).contains("while you were editing");
        assertThat(ws.viewer().get(ws.path("/brand-profile")).json().path("tone").asString()).isEqualTo("Vrolijk");
        browser.find("#brand-title ~ form button[type=submit]").click();
        browser.awaitPath("/settings?saved");
        var profile = ws.viewer().get(ws.path("/brand-profile")).json();
        assertThat(profile.path("tone").asString()).isEqualTo("Nuchter en behulpzaam");
        assertThat(profile.path("wordsToAvoid")).extracting(n -> n.asString()).containsExactly("goedkoop", "koopje");

        browser.find("#key-name").sendKeys("Nieuwsbriefkoppeling");
        browser.find("#keys form.form button").click();
        String secret = browser.find("#keys [role=status] code").getText();
        assertThat(new com.journeyassistant.support.Api(port, secret).get(ws.path("/journeys")).status())
                .as("the key works for the API").isEqualTo(200);
        browser.assertAccessible("settings");
        browser.screenshot("settings-en");
        browser.open("/settings");
        assertThat(browser.find("#keys").getText()).as("shown once").doesNotContain(secret);
        browser.submit("#keys button[aria-label='Revoke the key Nieuwsbriefkoppeling']");
        browser.awaitPath("/settings");
        assertThat(new com.journeyassistant.support.Api(port, secret).get(ws.path("/journeys")).status())
                .isEqualTo(401);
    }

    @Test
    void thePanelBesideTheCanvasStreamsAnAnswerIntoTheLatestConversation() {
        model.stubFor(post(urlEqualTo(PATH)).willReturn(sse(FakeChatModel.streamed("De ", "orderbevestiging ",
                "komt ", "te ", "laat."))));
        browser.open("/journeys/" + journeyId);
        browser.find(".chat-panel summary").click();
        browser.find("#panel-content").sendKeys("Wat valt op bij de orderbevestiging?");
        browser.find(".chat-panel form button").click();
        WebElement answer = wait(Duration.ofSeconds(20)).until(d -> browser.all("#panel-messages .message.assistant")
                .stream().filter(m -> !m.getAttribute("class").contains("streaming")).findFirst().orElse(null));
        assertThat(answer.getText()).contains("De orderbevestiging komt te laat.");
        assertThat(browser.find(".canvas").isDisplayed()).as("the canvas stays where it was").isTrue();
        browser.assertAccessible("canvas with the chat panel");
        browser.screenshot("canvas-chat-panel-en");

        browser.find(".chat-panel a").click();
        browser.awaitPath("/journeys/" + journeyId + "/chat/");
        assertThat(browser.all(".message .text")).extracting(WebElement::getText)
                .containsExactly("Wat valt op bij de orderbevestiging?", "De orderbevestiging komt te laat.");
    }

    @Test
    void aBatchIsPreviewedStartedWatchedReviewedInBulkAndExported() throws Exception {
        ws.editor().post(ws.path("/journeys/" + journeyId + "/personas"), object("name", "Sanne"));
        String stageId = ws.viewer().get(ws.path("/journeys/" + journeyId + "/stages")).json().get(0).path("id")
                .asString();
        ws.editor().post(ws.path("/journeys/" + journeyId + "/touchpoints"), object("stageId", stageId,
                "name", "Winkelbezoek", "channel", "STORE"));
        model.stubFor(post(urlEqualTo(PATH)).withRequestBody(containing("content_variants"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withFixedDelay(1500)
                        .withBody(FakeChatModel.completion(FakeChatModel.json(Map.of("variants", List.of(
                                variant("Zekerheid", "Je bestelling is binnen"),
                                variant("Snelheid", "Morgen al bij je")))), 900, 150))));

        browser.open("/journeys/" + journeyId);
        browser.all(".page-links a, nav a, a").stream().filter(a -> a.getText().equals("Batch copy")).findFirst()
                .orElseThrow().click();
        browser.awaitPath("/journeys/" + journeyId + "/batches");
        assertThat(browser.find("h1").getText()).isEqualTo("Batch copy");
        browser.assertAccessible("batches, new");
        WebElement store = browser.all("fieldset .choice").stream().filter(c -> c.getText().contains("Winkelbezoek"))
                .findFirst().orElseThrow().findElement(org.openqa.selenium.By.tagName("input"));
        assertThat(store.isSelected()).as("a touchpoint without written copy is not chosen at first").isFalse();
        store.click();
        WebElement variants = browser.find("#variantsPerCell");
        variants.clear();
        variants.sendKeys("2");
        browser.find("#brief").sendKeys("Benadruk dat de betaling gelukt is");
        browser.find("form[action$='/batches/preview'] button[type=submit]").click();

        WebElement preview = browser.find("#preview");
        assertThat(preview.getText()).contains("1 cell can run, 2 variants in all (of 2 chosen)")
                .contains("1 cell cannot run").contains("writes no copy for the channel STORE")
                .contains("paced by");
        browser.assertAccessible("batches, preview");
        browser.screenshot("batch-preview-en");
        assertThat(model.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlEqualTo(PATH))))
                .as("a preview asks the model nothing").isEmpty();

        preview.findElement(org.openqa.selenium.By.cssSelector("button[type=submit]")).click();
        String batchPath = browser.awaitPath("/batches/");
        assertThat(browser.find(".batch-progress .badge").getText()).isEqualTo("running");
        wait(Duration.ofSeconds(30)).until(d -> browser.find(".batch-progress .badge").getText().equals("completed"));
        assertThat(browser.find(".batch-progress [role=status]").getText()).startsWith("1 done, 0 failed, 0 to go");
        List<WebElement> choices = browser.all(".results-grid input[name=suggestionIds]");
        assertThat(choices).hasSize(2);
        assertThat(browser.find(".results-grid thead").getText()).contains("Sanne");
        assertThat(browser.find(".results-grid tbody").getText()).contains("Orderbevestiging")
                .contains("Je bestelling is binnen").contains("Morgen al bij je");
        browser.assertAccessible("batch, completed");
        browser.screenshot("batch-en");

        browser.all(".results-grid .choice").stream().filter(c -> c.getText().equals("Je bestelling is binnen"))
                .findFirst().orElseThrow().findElement(org.openqa.selenium.By.tagName("input")).click();
        browser.submit("#bulk-review button[value=ACCEPTED]");
        browser.awaitPath(batchPath);
        assertThat(browser.find("main").getText()).contains("1 suggestion(s) decided.");
        assertThat(browser.all(".results-grid .badge.status")).extracting(WebElement::getText)
                .containsExactlyInAnyOrder("accepted", "proposed");

        String csv = new String(download(browser.find("a[href*='format=csv']").getAttribute("href")),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(csv).startsWith("\uFEFFcell,touchpoint").contains("Je bestelling is binnen")
                .doesNotContain("Morgen al bij je");

        browser.open(batchPath + "?lang=nl");
        assertThat(browser.find(".batch-progress .badge").getText()).isEqualTo("klaar");
        assertThat(browser.find("#export-title").getText()).isEqualTo("Exporteren");
        browser.assertAccessible("batch (nl)");
        browser.screenshot("batch-nl");
    }

    @Test
    void anEditorHasTheAssistantNameTheThemesAndSeesTheNamesBesideTheirWords() throws InterruptedException {
        StringBuilder more = new StringBuilder("text;csat;touchpoint_id\n");
        for (String step : new String[] {"eerste", "tweede", "derde", "vierde", "vijfde", "laatste"}) {
            more.append("\"De betaling mislukte bij de ").append(step).append(" stap van het afrekenen\";1;")
                    .append(touchpointId).append('\n');
            more.append("\"De bezorger kwam keurig op tijd, ").append(step).append(" pakket\";5;")
                    .append(touchpointId).append('\n');
        }
        ws.editor().postRaw(ws.path("/evidence/feedback"), more.toString(), "text/csv");
        ws.awaitEvidenceIndexed();
        // first the model names one group and cites a quote it was not given: refused after the repair round
        model.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody(FakeChatModel.completion(FakeChatModel.json(Map.of("names", List.of(Map.of("ref", "T1",
                        "name", "Betalen mislukt", "citations", List.of("F99"))))), 900, 150))));
        browser.open("/journeys/" + journeyId + "/insights");
        browser.submit(".name-themes button");
        assertThat(browser.find(".journey-insights [role=alert]").getText())
                .contains("broke the rules even after one repair round");
        String[] before = browser.all(".journey-insights .pain-item a").stream().map(WebElement::getText)
                .toArray(String[]::new);
        assertThat(before).as("labels: the pains' own words").isNotEmpty();

        String prompt = tools.jackson.databind.json.JsonMapper.builder().build().readTree(model.findAll(
                com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlEqualTo(PATH))).get(0)
                .getBodyAsString()).path("messages").get(1).path("content").asString();
        Map<String, String> names = FakeChatModel.nameEveryGroup(prompt, "What customers say about group", "en");
        String answer = names.remove("answer");
        model.resetAll();
        model.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody(FakeChatModel.completion(answer, 900, 150))));
        browser.submit(".name-themes button");

        assertThat(browser.path()).endsWith("/insights?named=" + names.size());
        assertThat(browser.find(".journey-insights [role=status]").getText()).contains(names.size() + " groups were named");
        WebElement firstPain = browser.find(".journey-insights .pain-item");
        assertThat(firstPain.findElement(org.openqa.selenium.By.tagName("a")).getText()).isEqualTo(names.get("P1"));
        assertThat(firstPain.findElement(org.openqa.selenium.By.cssSelector(".keywords")).getText())
                .as("the pain's own words stay beside its name").isEqualTo(before[0]);
        browser.assertAccessible("insights, named");
        browser.screenshot("insights-named-en");
    }

    /** A file the page links to, fetched with the browser's session. */
    private byte[] download(String url) throws Exception {
        String cookies = browser.driver().manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                .collect(java.util.stream.Collectors.joining("; "));
        java.net.http.HttpResponse<byte[]> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).header("Cookie", cookies).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static Map<String, Object> variant(String angle, String subject) {
        return Map.of("angle", angle, "fields", Map.of("subject", subject,
                "preheader", "We laten je weten wanneer de bezorger komt.",
                "body", "Je betaling is gelukt. We bevestigen meteen dat je bestelling binnen is.",
                "cta", "Bekijk je bestelling"), "citations", List.of("F1"));
    }

    private WebDriverWait wait(Duration timeout) {
        return new WebDriverWait(browser.driver(), timeout);
    }

    private static ResponseDefinitionBuilder sse(String body) {
        return aResponse().withHeader("Content-Type", "text/event-stream").withBody(body);
    }
}
