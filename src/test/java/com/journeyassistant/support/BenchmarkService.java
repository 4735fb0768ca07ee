package com.journeyassistant.support;

import com.journeyassistant.JourneyAssistantApplication;
import com.journeyassistant.platform.Role;
import com.journeyassistant.platform.Workspaces;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The service as benchmarks start it (not a test): on a free port, without the demo, the indexer polling rarely,
 * quiet logs; with a fresh workspace and an editor's API key on it.
 */
public record BenchmarkService(ConfigurableApplicationContext context, int port, Api api, UUID workspace,
                               String slug) implements AutoCloseable {

    public static BenchmarkService start(String slugPrefix) {
        return start(slugPrefix, Map.of());
    }

    /** The same, with {@code overrides} of those settings (for example the demo seeded). */
    public static BenchmarkService start(String slugPrefix, Map<String, String> overrides) {
        Map<String, String> properties = new LinkedHashMap<>(Map.of("server.port", "0", "journey.demo.enabled", "false",
                "journey.evidence.index-poll-interval", "PT1H", "logging.level.root", "WARN"));
        properties.putAll(overrides);
        properties.forEach(System::setProperty);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(JourneyAssistantApplication.class).run();
        int port = context.getEnvironment().getProperty("local.server.port", Integer.class);
        Workspaces workspaces = context.getBean(Workspaces.class);
        String slug = slugPrefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        return com.journeyassistant.platform.TenantScope.acrossWorkspaces("a benchmark", () -> {
            UUID workspace = workspaces.create(slug, "Trapkracht").id();
            return new BenchmarkService(context, port, new Api(port, workspaces.issueKey(workspace, "benchmark",
                    Role.EDITOR).secret()), workspace, slug);
        });
    }

    /** The workspace's API path, followed by {@code rest}. */
    public String path(String rest) {
        return "/api/workspaces/" + slug + rest;
    }

    /** A Dutch journey "Webshop" with its default stages; answers its id. */
    public String journey() {
        return api.post(path("/journeys"), Api.object("name", "Webshop", "language", "nl")).json().path("id")
                .asString();
    }

    /** {@code count} touchpoints ("Contactmoment 0" …) spread round-robin over the journey's stages: touchpoint → stage. */
    public Map<UUID, UUID> touchpoints(String journeyId, int count) {
        JsonNode stages = api.get(path("/journeys/" + journeyId + "/stages")).json();
        Map<UUID, UUID> stageOf = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String stage = stages.get(i % stages.size()).path("id").asString();
            String touchpoint = api.post(path("/journeys/" + journeyId + "/touchpoints"), Api.object("stageId", stage,
                    "name", "Contactmoment " + i, "channel", "WEBSITE", "owner", "Team " + (i % 7))).json().path("id")
                    .asString();
            stageOf.put(UUID.fromString(touchpoint), UUID.fromString(stage));
        }
        return stageOf;
    }

    /** On PostgreSQL, fresh planner statistics after loading, as a database in use would have. */
    public void analyse() {
        if (context.getEnvironment().getProperty("spring.datasource.url", "").startsWith("jdbc:postgresql")) {
            DatabaseOwner.execute(context.getEnvironment(), "vacuum analyze");
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
