package com.journeyassistant.generation;

import com.journeyassistant.suggestions.Suggestions;
import com.journeyassistant.journey.BrandProfiles;
import com.journeyassistant.journey.Journeys;
import com.journeyassistant.journey.MapModels.BrandProfile;
import com.journeyassistant.journey.MapModels.Journey;
import com.journeyassistant.platform.CurrentWorkspace;
import com.journeyassistant.platform.Quotas;
import com.journeyassistant.platform.Workspaces;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * What every generation job is built on: the generator, the grounding in evidence, the caller's
 * journey and brand, and where suggestions are stored. Each job keeps its own checks, prompt
 * values and parsing in its own class.
 */
@Component
class JobBasics {

    /** Where a job runs: the journey, the workspace's brand profile and the name the brand goes by. */
    record Setting(Journey journey, BrandProfile brand, String brandName) {
    }

    final Generator generator;
    final Grounding grounding;
    final Quotas quotas;
    private final Suggestions suggestions;
    private final Journeys journeys;
    private final BrandProfiles brandProfiles;
    private final Workspaces workspaces;

    JobBasics(Generator generator, Grounding grounding, Suggestions suggestions, Journeys journeys,
              BrandProfiles brandProfiles, Workspaces workspaces, Quotas quotas) {
        this.quotas = quotas;
        this.generator = generator;
        this.grounding = grounding;
        this.suggestions = suggestions;
        this.journeys = journeys;
        this.brandProfiles = brandProfiles;
        this.workspaces = workspaces;
    }

    Setting setting(CurrentWorkspace caller, UUID journeyId) {
        return new Setting(journeys.get(caller.workspaceId(), journeyId), brandProfiles.get(caller.workspaceId()),
                JobSupport.brandName(workspaces, caller));
    }

    /** Stores what one run produced for one target, with the model and prompt behind it and who asked. */
    GenerationResult store(CurrentWorkspace caller, UUID journeyId, Suggestions.Kind kind, String targetType,
                           UUID targetId, Generator.Generated<?> generated, List<Suggestions.Draft> drafts) {
        quotas.spend(caller, (long) generated.inputTokens() + generated.outputTokens());
        return GenerationResult.of(suggestions.store(caller.workspaceId(),
                provenance(caller, journeyId, kind, targetType, targetId, generated), drafts));
    }

    static Suggestions.Provenance provenance(CurrentWorkspace caller, UUID journeyId, Suggestions.Kind kind,
                                             String targetType, UUID targetId, Generator.Generated<?> generated) {
        return new Suggestions.Provenance(journeyId, kind, targetType, targetId, generated.model(),
                generated.promptVersion(), generated.inputTokens(), generated.outputTokens(), caller.apiKeyName());
    }
}
