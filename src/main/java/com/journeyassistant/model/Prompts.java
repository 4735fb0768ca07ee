package com.journeyassistant.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The prompt templates of {@code prompts/<job>/} (shipped in the jar): {@code system.md},
 * {@code user.md}, {@code repair.md} and {@code VERSION}. Placeholders are {@code {{name}}};
 * rendering fails if one is left without a value, so a template and its code never drift apart silently.
 */
@Component
public class Prompts {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\w+)}}");

    public record Template(String job, String version, String system, String user, String repair) {
        /** Recorded on every suggestion, e.g. {@code content-variants/v1}. */
        public String id() {
            return job + "/v" + version;
        }
    }

    private final Map<String, Template> templates = new ConcurrentHashMap<>();

    public Template get(String job) {
        return templates.computeIfAbsent(job, j -> new Template(j, read(j, "VERSION").strip(), read(j, "system.md"),
                readIfPresent(j, "user.md"), readIfPresent(j, "repair.md")));
    }

    public static String render(String template, Map<String, String> values) {
        Matcher placeholders = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (placeholders.find()) {
            String value = values.get(placeholders.group(1));
            if (value == null) {
                throw new IllegalStateException("no value for {{" + placeholders.group(1) + "}}");
            }
            placeholders.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        placeholders.appendTail(out);
        return out.toString();
    }

    /** A chat has no user template or repair round; generation jobs have both. */
    private static String readIfPresent(String job, String file) {
        return new ClassPathResource("prompts/" + job + "/" + file).exists() ? read(job, file) : "";
    }

    private static String read(String job, String file) {
        try (InputStream in = new ClassPathResource("prompts/" + job + "/" + file).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("prompt template prompts/" + job + "/" + file + " is missing", e);
        }
    }
}
