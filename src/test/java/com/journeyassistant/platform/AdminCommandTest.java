package com.journeyassistant.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.journeyassistant.JourneyAssistantApplication;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator commands as an operator runs them: a whole application without a web server. */
class AdminCommandTest {

    @TempDir
    Path dataDir;

    @Test
    void createsAWorkspaceAndThenAKeyForItInAFreshDatabase() throws Exception {
        System.setProperty("journey.data-dir", dataDir.toString());
        try {
            String created = run("workspace", "create", "acme", "Acme Fietsen");
            assertThat(created).contains("Created workspace acme (Acme Fietsen)").containsPattern("ja_[A-Za-z0-9_-]{40,}");

            String key = run("key", "create", "acme", "Campaign tool", "editor");
            assertThat(key).containsPattern("EDITOR API key for acme \\(shown once\\): ja_[A-Za-z0-9_-]{40,}");

            assertThat(run("key", "create", "nobody", "x", "VIEWER")).contains("error:", "nobody");
            assertThat(Files.list(dataDir).map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("journey"));
        } finally {
            System.clearProperty("journey.data-dir");
        }
    }

    private static String run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = AdminCommand.run(JourneyAssistantApplication.class, args, new PrintStream(out, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(printed).isEqualTo(printed.contains("error:") ? 1 : 0);
        return printed;
    }
}
