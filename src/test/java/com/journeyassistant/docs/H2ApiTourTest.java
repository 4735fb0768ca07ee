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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.context.TestPropertySource;

/**
 * The API tour (docs/api-tour.md) as a newcomer follows it: every {@code bash} block, top to bottom, in one shell,
 * against a freshly started service with the demo workspace, up to the sections that need a language model. A curl
 * answered with an error fails the tour, unless the block says which error it shows ({@code <!-- tour: expect 400
 * -->} before it). Only the demo key and the port differ from what the docs say.
 */
@H2Backend
// a service of its own: the tour changes the demo workspace, which other suites read as seeded
@TestPropertySource(properties = "journey.test.suite=api-tour")
class H2ApiTourTest extends ApiTest {

    static final Path TOUR = Path.of("docs", "api-tour.md");
    /** The tour from here on asks a model; those sections are run by the generation and chat contract tests. */
    static final String FIRST_MODEL_SECTION = "### Generation: suggestions with receipts";

    @TempDir
    Path work;

    @Test
    void everyCommandOfTheTourUpToTheModelSectionsWorksAsWritten() throws Exception {
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
        assertThat(bash.exitValue()).as(output).isZero();
        assertThat(output).as("the redacted phone number the tour promises").contains("bel me op [PHONE]")
                .doesNotContain("06-12345678");
    }

    /** The bash blocks before the first section that needs a model, each with its expected error, if any. */
    static List<String> blocks(List<String> lines) throws IOException {
        List<String> blocks = new ArrayList<>();
        String expect = null;
        StringBuilder block = null;
        for (String line : lines) {
            if (line.equals(FIRST_MODEL_SECTION)) {
                break;
            }
            if (block == null && line.startsWith("<!-- tour: expect ")) {
                expect = line.replaceAll("\\D", "");
            } else if (block == null && line.equals("```bash")) {
                block = new StringBuilder(expect == null ? "TOUR_EXPECT=\n" : "TOUR_EXPECT=" + expect + "\n");
                expect = null;
            } else if (block != null && line.equals("```")) {
                blocks.add(block.append("TOUR_EXPECT=\n").toString());
                block = null;
            } else if (block != null) {
                block.append(line).append('\n');
            }
        }
        return blocks;
    }
}
