package com.journeyassistant.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.journeyassistant.support.ApiTest;
import com.journeyassistant.support.H2Backend;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.matching.RequestPattern;
import com.journeyassistant.support.FakeChatModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The API tour (docs/api-tour.md) as a newcomer follows it: every {@code bash} block, top to bottom, in one shell,
 * against a freshly started service with the demo workspace and a model that answers as a capable one would
 * ({@link TourModel}, speaking the OpenAI protocol). A curl answered with an error fails the tour, unless the block
 * says which error it shows ({@code <!-- tour: expect 400 -->} before it); blocks that show how to start the service
 * are marked {@code <!-- tour: skip -->}. Only the demo key and the port differ from what the docs say.
 */
@H2Backend
// a service of its own: the tour changes the demo workspace, which other suites read as seeded
@TestPropertySource(properties = "journey.test.suite=api-tour")
class H2ApiTourTest extends ApiTest {

    static final Path TOUR = Path.of("docs", "api-tour.md");

    static final WireMockServer MODEL = new WireMockServer(WireMockConfiguration.options().dynamicPort()
            .extensions(new TourModel(300)));

    @DynamicPropertySource
    static void model(DynamicPropertyRegistry registry) {
        if (!MODEL.isRunning()) {
            MODEL.start();
            MODEL.stubFor(WireMock.post(WireMock.urlEqualTo("/v1/chat/completions"))
                    .willReturn(WireMock.aResponse().withTransformers(TourModel.NAME)));
        }
        FakeChatModel.configure(registry, MODEL);
    }

    @AfterAll
    static void stopTheModel() {
        MODEL.stop();
    }

    @TempDir
    Path work;

    @Test
    void everyCommandOfTheTourWorksAsWritten() throws Exception {
        List<String> blocks = blocks(Files.readAllLines(TOUR));
        assertThat(blocks).as("bash blocks in the tour").hasSizeGreaterThanOrEqualTo(6);
        StringBuilder script = new StringBuilder("""
                set -eo pipefail
                # every curl of the tour, failing on an error answer unless the block expects that error
                curl() {
                  local out status
                  out=$(command curl -sS -w '\\n%{http_code}' "$@") || return $?
                  status=${out##*$'\\n'}
                  printf '%s\\n' "${out%$'\\n'*}"
                  if [ -n "${TOUR_EXPECT:-}" ]; then
                    [ "$status" = "$TOUR_EXPECT" ] || { echo "tour: expected HTTP $TOUR_EXPECT, got $status: curl $*" >&2; return 1; }
                  elif [ "$status" -ge 400 ]; then
                    echo "tour: HTTP $status from: curl $*" >&2; return 1
                  fi
                }
                """);
        for (String block : blocks) {
            script.append(block.replace("KEY=ja_…", "KEY=" + DEMO_KEY)
                    .replace("http://localhost:8080", "http://localhost:" + port)).append('\n');
        }
        Path file = work.resolve("tour.sh");
        Files.writeString(file, script);
        Process bash = new ProcessBuilder("bash", file.toString()).directory(work.toFile()).redirectErrorStream(true)
                .start();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(5, TimeUnit.MINUTES)).isTrue();
        // what a newcomer would have seen, for reading after the build
        Files.writeString(Files.createDirectories(Path.of("target")).resolve("api-tour-output.txt"), output);
        assertThat(bash.exitValue()).as(output).isZero();
        assertThat(output).as("the redacted phone number the tour promises").contains("bel me op [PHONE]")
                .doesNotContain("06-12345678");
        assertThat(output).as("the streamed chat answer").contains("event:token", "event:message");
        assertThat(Files.readString(work.resolve("answer.json"))).as("the chat's proposal")
                .contains("generateContentVariants", "Pushbericht accu-inruilactie");
        assertThat(Files.readAllLines(work.resolve("copy.csv"), StandardCharsets.UTF_8)).as("the batch's accepted copy")
                .hasSizeGreaterThan(10).first().asString().contains("touchpoint");
        assertThat(MODEL.countRequestsMatching(RequestPattern.everything()).getCount()).as("calls to the model")
                .isGreaterThan(20);
    }

    /** The bash blocks of the tour, each with its expected error, if any; blocks marked to skip are left out. */
    static List<String> blocks(List<String> lines) throws IOException {
        List<String> blocks = new ArrayList<>();
        String expect = null;
        boolean skip = false;
        StringBuilder block = null;
        for (String line : lines) {
            if (block == null && line.startsWith("<!-- tour: expect ")) {
                expect = line.replaceAll("\\D", "");
            } else if (block == null && line.equals("<!-- tour: skip -->")) {
                skip = true;
            } else if (block == null && line.equals("```bash")) {
                block = new StringBuilder(expect == null ? "TOUR_EXPECT=\n" : "TOUR_EXPECT=" + expect + "\n");
                expect = null;
            } else if (block != null && line.equals("```")) {
                if (!skip) {
                    blocks.add(block.append("TOUR_EXPECT=\n").toString());
                }
                block = null;
                skip = false;
            } else if (block != null) {
                block.append(line).append('\n');
            }
        }
        return blocks;
    }
}
