package com.journeyassistant.journey;

import com.journeyassistant.platform.TenantScope;
import com.journeyassistant.platform.Role;
import com.journeyassistant.platform.Users;
import com.journeyassistant.platform.Workspaces;
import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seeds the {@code demo} workspace — a Dutch e-bike web shop's journey — on first start, and
 * prints a working demo key at every start: the fixed {@code JOURNEY_DEMO_API_KEY} if set,
 * otherwise a fresh one that replaces the previously printed key.
 * By default this only happens on the embedded H2 database, never silently on PostgreSQL.
 */
@Component
class DemoWorkspace {

    static final String SLUG = "demo";
    static final String USER = "demo@trapkracht.example";
    private static final String KEY_NAME = "demo key (printed at start-up)";
    private static final Logger log = LoggerFactory.getLogger(DemoWorkspace.class);

    private final Workspaces workspaces;
    private final JourneyDocuments documents;
    private final Stages stages;
    private final Touchpoints touchpoints;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final BrandProfiles brandProfiles;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final Boolean enabled;
    private final String fixedKey;
    private final Users users;
    private final String fixedPassword;
    private final String datasourceUrl;

    DemoWorkspace(Workspaces workspaces, JourneyDocuments documents, Stages stages, Touchpoints touchpoints,
                  org.springframework.context.ApplicationEventPublisher events, BrandProfiles brandProfiles,
                  TransactionTemplate transactions, JsonMapper json,
                  @Value("${journey.demo.enabled:#{null}}") Boolean enabled,
                  @Value("${journey.demo.api-key:}") String fixedKey, Users users,
                  @Value("${journey.demo.password:}") String fixedPassword,
                  @Value("${spring.datasource.url:}") String datasourceUrl) {
        this.workspaces = workspaces;
        this.documents = documents;
        this.stages = stages;
        this.touchpoints = touchpoints;
        this.events = events;
        this.brandProfiles = brandProfiles;
        this.transactions = transactions;
        this.json = json;
        this.enabled = enabled;
        this.fixedKey = fixedKey;
        this.users = users;
        this.fixedPassword = fixedPassword;
        this.datasourceUrl = datasourceUrl;
    }

    @EventListener(ApplicationReadyEvent.class)
    void seedAndAnnounce() {
        TenantScope.acrossWorkspaces("the demo workspace", this::seedAndAnnounceDemo);
    }

    private void seedAndAnnounceDemo() {
        boolean seed = enabled != null ? enabled : datasourceUrl.startsWith("jdbc:h2:");
        if (!seed) {
            return;
        }
        String password = fixedPassword.isBlank() ? newPassword() : fixedPassword;
        String key = transactions.execute(status -> {
            UUID workspaceId = workspaces.findBySlug(SLUG).map(Workspaces.Workspace::id).orElseGet(this::createDemo);
            users.ensure(workspaceId, USER, password, Role.ADMIN);
            if (!fixedKey.isBlank()) {
                workspaces.ensureKey(workspaceId, "demo key (JOURNEY_DEMO_API_KEY)", Role.ADMIN, fixedKey);
                return fixedKey;
            }
            return workspaces.replaceKeysNamed(workspaceId, KEY_NAME, Role.ADMIN).secret();
        });
        log.info("""

                ==============================================================
                 Demo workspace '{}' is ready.
                 In the browser: http://localhost:<port>/  sign in as {}
                   password: {}
                 Admin API key:
                   {}
                 Try: curl -H "Authorization: Bearer <key>" http://localhost:<port>/api/workspaces/demo/journeys
                ==============================================================""", SLUG, USER,
                fixedPassword.isBlank() ? password : "(JOURNEY_DEMO_PASSWORD)", key);
    }

    /** Sixteen random letters and digits, new at every start unless JOURNEY_DEMO_PASSWORD fixes it. */
    private static String newPassword() {
        String alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        java.security.SecureRandom random = new java.security.SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            password.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return password.toString();
    }

    private UUID createDemo() {
        UUID workspaceId = workspaces.create(SLUG, "Trapkracht e-bikes (demo)").id();
        brandProfiles.put(workspaceId, 0, read("demo/brand-profile.json", MapInputs.BrandProfileInput.class),
                "demo seed");
        UUID journeyId = documents.importDocument(workspaceId, read("demo/journey-map.json", JourneyDocument.class)).id();
        log.info("Seeded the demo workspace with the Trapkracht e-bike journey");
        events.publishEvent(new DemoJourneySeeded(workspaceId, journeyId,
                stages.list(workspaceId, journeyId).stream().map(MapModels.Stage::id).toList(),
                touchpoints.list(workspaceId, journeyId).stream().map(MapModels.Touchpoint::id).toList()));
        return workspaceId;
    }

    private <T> T read(String resource, Class<T> type) {
        try (InputStream in = new ClassPathResource(resource).getInputStream()) {
            return json.readValue(in, type);
        } catch (IOException e) {
            throw new IllegalStateException("demo resource " + resource + " is missing", e);
        }
    }
}
