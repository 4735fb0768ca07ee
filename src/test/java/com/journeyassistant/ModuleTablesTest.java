package com.journeyassistant;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Module boundaries hold in the data too: the SQL in a module's code names only the tables
 * that module owns. What another module keeps is reached through its public API or events.
 * (Migrations create and convert every table; they are not module code.)
 */
class ModuleTablesTest {

    private static final Map<String, String> OWNER = Map.ofEntries(
            Map.entry("workspace", "platform"), Map.entry("audit_event", "platform"), Map.entry("model_usage", "platform"), Map.entry("api_key", "platform"), Map.entry("app_user", "platform"),
            Map.entry("spring_session", "platform"), Map.entry("spring_session_attributes", "platform"),
            Map.entry("handoff", "platform"), Map.entry("handoff_part", "platform"),
            Map.entry("brand_profile", "journey"), Map.entry("journey", "journey"), Map.entry("stage", "journey"),
            Map.entry("persona", "journey"), Map.entry("touchpoint", "journey"), Map.entry("insight", "journey"),
            Map.entry("insight_touchpoint", "journey"), Map.entry("opportunity", "journey"),
            Map.entry("opportunity_touchpoint", "journey"), Map.entry("opportunity_insight", "journey"),
            Map.entry("solution", "journey"), Map.entry("experiment_plan", "experiments"),
            Map.entry("feedback", "evidence"), Map.entry("kpi", "evidence"), Map.entry("evidence_index", "evidence"),
            Map.entry("evidence_change", "evidence"),
            Map.entry("suggestion", "suggestions"), Map.entry("suggestion_event", "suggestions"),
            Map.entry("conversation", "chat"), Map.entry("chat_message", "chat"), Map.entry("chat_proposal", "chat"),
            Map.entry("batch_run", "batch"), Map.entry("batch_cell", "batch"), Map.entry("batch_node", "batch"),
            Map.entry("theme_name", "generation"));

    private static final Path CODE = Path.of("src/main/java/com/journeyassistant");
    private static final Pattern TEXT_BLOCK = Pattern.compile("\"\"\"(.*?)\"\"\"", Pattern.DOTALL);
    private static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");
    private static final Pattern TABLE_AFTER_KEYWORD = Pattern.compile(
            "\\b(?i:from|join|into|update|table|exists)\\s+([a-z_]+)\\b");

    @Test
    void everyTableHasAnOwningModule() throws IOException {
        Set<String> created = new TreeSet<>();
        Pattern create = Pattern.compile("create table (?:if not exists )?([a-z_]+)");
        try (Stream<Path> migrations = Files.walk(Path.of("src/main/resources/db/migration"))) {
            migrations.filter(p -> p.toString().endsWith(".sql")).forEach(p -> {
                Matcher m = create.matcher(read(p).toLowerCase(Locale.ROOT));
                while (m.find()) {
                    created.add(m.group(1));
                }
            });
        }
        assertThat(created).as("tables the migrations create").isEqualTo(new TreeSet<>(OWNER.keySet()));
    }

    @Test
    void noModulesSqlNamesAnotherModulesTable() throws IOException {
        List<String> crossings = new ArrayList<>();
        try (Stream<Path> modules = Files.list(CODE)) {
            for (Path module : modules.filter(Files::isDirectory).toList()) {
                String name = module.getFileName().toString();
                try (Stream<Path> files = Files.walk(module)) {
                    files.filter(p -> p.toString().endsWith(".java")).forEach(file ->
                            tablesNamedIn(stringsOf(read(file))).stream()
                                    .filter(table -> !name.equals(OWNER.get(table)))
                                    .forEach(table -> crossings.add(CODE.relativize(file) + " names " + table
                                            + " (owned by " + OWNER.get(table) + ")")));
                }
            }
        }
        assertThat(crossings).isEmpty();
    }

    @Test
    void theScanFindsTablesInTextBlocksAndConcatenatedStrings() {
        String code = "jdbc.query(\"\"\"\n select i.id from insight i\n join touchpoint t on t.id = i.x\"\"\");\n"
                + "jdbc.update(\"UPDATE \" + \"feedback set x = 1\"); log.info(\"the insight was saved from KPI gaps\");";
        assertThat(tablesNamedIn(stringsOf(code))).containsExactlyInAnyOrder("insight", "touchpoint", "feedback");
    }

    /** The text of every string literal and text block, joined: SQL is often built from pieces. */
    private static String stringsOf(String source) {
        StringBuilder strings = new StringBuilder();
        Matcher blocks = TEXT_BLOCK.matcher(source);
        while (blocks.find()) {
            strings.append(blocks.group(1)).append('\n');
        }
        Matcher literals = STRING.matcher(blocks.replaceAll(""));
        while (literals.find()) {
            strings.append(literals.group(1));
        }
        return strings.toString(); // table names are lower case in SQL here; "from KPI gaps" is prose
    }

    private static Set<String> tablesNamedIn(String sql) {
        Set<String> tables = new TreeSet<>();
        Matcher m = TABLE_AFTER_KEYWORD.matcher(sql);
        while (m.find()) {
            if (OWNER.containsKey(m.group(1))) {
                tables.add(m.group(1));
            }
        }
        return tables;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
