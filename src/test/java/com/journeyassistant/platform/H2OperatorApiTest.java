package com.journeyassistant.platform;

import static com.journeyassistant.support.Api.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.journeyassistant.JourneyAssistantApplication;
import com.journeyassistant.support.Api;
import com.journeyassistant.support.Api.Response;
import com.journeyassistant.support.ApiTest;
import com.journeyassistant.support.H2Backend;
import java.io.ByteArrayOutputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Administration while the service runs: the operator API answers only the operator key, creates, lists, disables
 * and enables workspaces and gives them keys and people; the command line does the same through it.
 */
@H2Backend
class H2OperatorApiTest extends ApiTest {

    private static final Pattern KEY = Pattern.compile("ja_[A-Za-z0-9_-]{40,}");

    @org.springframework.beans.factory.annotation.Autowired
    private Users users;

    @Test
    void operatorsCreateListDisableAndEnableWorkspacesAndGiveThemKeysAndPeople() {
        Api operator = new Api(port, OPERATOR_KEY);
        String slug = "op-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(new Api(port, null).get("/api/operator/workspaces").status()).isEqualTo(401);
        assertThat(new Api(port, "operator-key-for-the-contract-tests!").get("/api/operator/workspaces").status())
                .isEqualTo(401);
        assertThat(ws.admin().get("/api/operator/workspaces").status()).as("a workspace's admin key").isEqualTo(401);

        Response created = operator.post("/api/operator/workspaces", object("slug", slug, "name", "Acme Fietsen"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        Api admin = new Api(port, created.json().path("adminKey").path("secret").asString());
        assertThat(admin.get("/api/workspaces/" + slug + "/journeys").status()).isEqualTo(200);
        assertThat(operator.post("/api/operator/workspaces", object("slug", slug, "name", "Again")).status())
                .isEqualTo(409);
        assertThat(operator.post("/api/operator/workspaces", object("slug", "Not A Slug", "name", "x")).json()
                .path("errors").get(0).path("field").asString()).isEqualTo("slug");

        JsonNode listed = find(operator.get("/api/operator/workspaces").json(), slug);
        assertThat(listed.path("activeKeys").asInt()).isEqualTo(1);
        assertThat(listed.path("disabledAt").isNull()).isTrue();

        Response key = operator.post("/api/operator/workspaces/" + slug + "/keys", object("name", "CRM", "role",
                "VIEWER"));
        assertThat(key.status()).isEqualTo(201);
        Api viewer = new Api(port, key.json().path("secret").asString());
        assertThat(viewer.get("/api/workspaces/" + slug + "/journeys").status()).isEqualTo(200);
        Response invited = operator.post("/api/operator/workspaces/" + slug + "/users", object("email",
                "sanne@acme.example", "role", "EDITOR"));
        assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
        assertThat(invited.json().path("token").asString()).hasSizeGreaterThan(20);

        assertThat(operator.post("/api/operator/workspaces/" + slug + "/disable", null).status()).isEqualTo(200);
        assertThat(admin.get("/api/workspaces/" + slug + "/journeys").status()).as("disabled").isEqualTo(401);
        assertThat(find(operator.get("/api/operator/workspaces").json(), slug).path("disabledAt").isString()).isTrue();
        assertThat(operator.post("/api/operator/workspaces/" + slug + "/enable", null).status()).isEqualTo(200);
        assertThat(admin.get("/api/workspaces/" + slug + "/journeys").status()).isEqualTo(200);
        assertThat(operator.post("/api/operator/workspaces/nope-" + slug + "/disable", null).status()).isEqualTo(404);

        JsonNode trail = admin.get("/api/workspaces/" + slug + "/audit").json().path("items");
        StringBuilder actions = new StringBuilder();
        trail.forEach(e -> actions.append(e.path("action").asString()).append(' ').append(e.path("actor").asString())
                .append(' ').append(e.path("actorType").asString()).append("; "));
        assertThat(actions.toString()).contains("workspace.created operator SYSTEM", "api-key.created operator SYSTEM",
                "user.invited operator SYSTEM", "workspace.disabled operator SYSTEM", "workspace.enabled operator SYSTEM");
    }

    @Test
    void disablingAWorkspaceSignsItsPeopleOutAtOnce() throws Exception {
        Api operator = new Api(port, OPERATOR_KEY);
        String slug = "off-" + UUID.randomUUID().toString().substring(0, 8);
        UUID workspace = UUID.fromString(operator.post("/api/operator/workspaces", object("slug", slug, "name",
                "Acme Fietsen")).json().path("workspace").path("id").asString());
        users.ensure(workspace, "jan@" + slug + ".example", "a-password-of-ours", Role.EDITOR);
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String login = browser.send(page("/login").GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(login);
        assertThat(csrf.find()).isTrue();
        HttpResponse<String> signedIn = browser.send(page("/login")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=jan@" + slug + ".example&password=a-password-of-ours"
                        + "&_csrf=" + csrf.group(1))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/journeys"));
        assertThat(browser.send(page("/journeys").GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(200);

        assertThat(operator.post("/api/operator/workspaces/" + slug + "/disable", null).status()).isEqualTo(200);

        HttpResponse<String> after = browser.send(page("/journeys").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(after.statusCode()).as("signed out").isEqualTo(302);
        assertThat(after.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains("/login"));
    }

    private HttpRequest.Builder page(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    }

    @Test
    void theCommandLineWorksThroughTheRunningServiceAndNeverPrintsTheDemoKey() {
        String slug = "cli-" + UUID.randomUUID().toString().substring(0, 8);
        String url = "http://localhost:" + port;

        String created = command(url, 0, "workspace", "create", slug, "Acme Fietsen");
        assertThat(created).contains("Created workspace " + slug + " (Acme Fietsen)");
        Matcher adminKey = KEY.matcher(created);
        assertThat(adminKey.find()).isTrue();
        assertThat(new Api(port, adminKey.group()).get("/api/workspaces/" + slug + "/journeys").status()).isEqualTo(200);

        assertThat(command(url, 0, "key", "create", slug, "Campaign tool", "editor"))
                .containsPattern("EDITOR API key for " + slug + " \\(shown once\\): ja_");
        assertThat(command(url, 0, "user", "invite", slug, "jan@acme.example", "viewer"))
                .contains("Invited jan@acme.example: " + url + "/invite/");
        assertThat(command(url, 0, "workspace", "disable", slug)).contains("Workspace " + slug + " is disabled");
        String listed = command(url, 0, "workspace", "list");
        assertThat(listed).contains(slug + "\tAcme Fietsen\tdisabled\t2 keys\t1 people").contains("demo\t");
        assertThat(command(url, 1, "key", "create", "nobody-" + slug, "x", "VIEWER")).contains("error:", "nobody-");
        assertThat(commandWithKey(url, "wrong-operator-key-000000000000", 1, "workspace", "list"))
                .contains("error:", "operator key");

        String everything = created + listed;
        assertThat(everything).as("the demo workspace's key is never printed").doesNotContain(DEMO_KEY);
    }

    private String command(String url, int exit, String... args) {
        return commandWithKey(url, OPERATOR_KEY, exit, args);
    }

    private static String commandWithKey(String url, String key, int exit, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = AdminCommand.run(JourneyAssistantApplication.class, args,
                new PrintStream(out, true, StandardCharsets.UTF_8), url, key);
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(printed).isEqualTo(exit);
        return printed;
    }

    private static JsonNode find(JsonNode workspaces, String slug) {
        for (JsonNode w : workspaces) {
            if (w.path("slug").asString().equals(slug)) {
                return w;
            }
        }
        throw new AssertionError("no workspace " + slug + " in " + workspaces);
    }
}
