package com.journeyassistant.generation;

import com.journeyassistant.model.ModelUnavailableException;
import com.journeyassistant.model.MalformedAnswerException;
import com.journeyassistant.journey.Channel;
import com.journeyassistant.platform.ApiProblemException;
import com.journeyassistant.platform.CurrentWorkspace;
import com.journeyassistant.platform.Quotas;
import com.journeyassistant.suggestions.Suggestions;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * The generation jobs for other modules (the chat, soon batch), each run as the caller; what
 * they store is reviewed through the suggestions module. Model failures become problems that
 * say what happened (502, 503, 504).
 */
@Service
public class GenerationJobs {

    private final ContentVariants contentVariants;
    private final ExperimentSuggestions experiments;
    private final SolutionProposals solutions;
    private final OpportunityProposals opportunities;
    private final PersonaDrafts personas;
    private final ThemeNames themeNames;
    private final Quotas quotas;

    GenerationJobs(ContentVariants contentVariants, ExperimentSuggestions experiments, SolutionProposals solutions,
                   OpportunityProposals opportunities, PersonaDrafts personas, ThemeNames themeNames, Quotas quotas) {
        this.quotas = quotas;
        this.themeNames = themeNames;
        this.contentVariants = contentVariants;
        this.experiments = experiments;
        this.solutions = solutions;
        this.opportunities = opportunities;
        this.personas = personas;
    }

    public GenerationResult contentVariants(CurrentWorkspace caller, UUID touchpointId, UUID personaId,
                                            Channel channel, String language, Integer count, String brief) {
        return contentVariants(caller, touchpointId, new ContentVariants.Request(personaId, channel, language, count,
                brief));
    }

    /** Checked content variants not stored yet: the batch module stores them with its cell, in one transaction. */
    public record CopyDraft(Suggestions.Provenance provenance, List<Suggestions.Draft> drafts) {
    }

    /** Tokens one content-variants request is expected to take in and give out (before any repair round). */
    public record CopyEstimate(int inputTokens, int outputTokens) {
    }

    /** As {@link #contentVariants}, with every check and the repair round, but nothing stored. */
    public CopyDraft draftContentVariants(CurrentWorkspace caller, UUID touchpointId, UUID personaId, Channel channel,
                                         String language, Integer count, String brief) {
        return withModel(() -> {
            ContentVariants.Drafted drafted = contentVariants.draft(caller, touchpointId,
                    new ContentVariants.Request(personaId, channel, language, count, brief));
            spent(caller, drafted.generated());
            return new CopyDraft(JobBasics.provenance(caller, drafted.journeyId(), Suggestions.Kind.CONTENT_VARIANT,
                    "touchpoint", touchpointId, drafted.generated()), drafted.drafts());
        });
    }

    /**
     * A content-variants request for a provider's batch endpoint: the chat-completions body, and
     * (opaque to the caller, kept until the answer arrives) the evidence it was prepared with.
     */
    public record PreparedCopy(String requestBody, String frozen) {
    }

    /** As {@link #draftContentVariants}, up to the model: nothing is asked yet, nothing stored. */
    public PreparedCopy prepareContentVariants(CurrentWorkspace caller, UUID touchpointId, UUID personaId,
                                               Channel channel, String language, Integer count, String brief) {
        return withModel(() -> contentVariants.prepareForBatch(caller, touchpointId,
                new ContentVariants.Request(personaId, channel, language, count, brief)));
    }

    /** The answer to a {@link PreparedCopy}, checked like a live one (and repaired live once), not stored. */
    public CopyDraft finishContentVariants(CurrentWorkspace caller, UUID touchpointId, PreparedCopy prepared,
                                           String answer, int inputTokens, int outputTokens) {
        return withModel(() -> {
            ContentVariants.Drafted drafted = contentVariants.finishFromBatch(caller, prepared.frozen(), answer,
                    inputTokens, outputTokens);
            spent(caller, drafted.generated());
            return new CopyDraft(JobBasics.provenance(caller, drafted.journeyId(), Suggestions.Kind.CONTENT_VARIANT,
                    "touchpoint", touchpointId, drafted.generated()), drafted.drafts());
        });
    }

    public CopyEstimate estimateContentVariants(Channel channel, int count, String brief) {
        return contentVariants.estimate(channel, count, brief);
    }

    /** The most variants one content-variants request may ask for, and the longest brief. */
    public static final int MAX_VARIANTS = ContentVariants.MAX_COUNT;
    public static final int MAX_BRIEF = ContentVariants.MAX_BRIEF;

    public GenerationResult experimentSuggestions(CurrentWorkspace caller, UUID touchpointId, Integer count,
                                                  String language) {
        return experimentSuggestions(caller, touchpointId, new JobRequest(count, language));
    }

    public GenerationResult solutionProposals(CurrentWorkspace caller, UUID opportunityId, Integer count,
                                              String language) {
        return solutionProposals(caller, opportunityId, new JobRequest(count, language));
    }

    public GenerationResult opportunityProposals(CurrentWorkspace caller, UUID journeyId, Integer count,
                                                 String language) {
        return opportunityProposals(caller, journeyId, new JobRequest(count, language));
    }

    /** Names the journey's themes, pains and gains (see {@code POST …/theme-names}); answers how many were named. */
    public int nameThemes(CurrentWorkspace caller, UUID journeyId, String language) {
        return themeNames.name(caller, journeyId, new ThemeNames.Request(language)).names().size();
    }

    public GenerationResult personaDrafts(CurrentWorkspace caller, UUID journeyId, Integer count, String language) {
        return personaDrafts(caller, journeyId, new JobRequest(count, language));
    }

    GenerationResult contentVariants(CurrentWorkspace caller, UUID touchpointId, ContentVariants.Request request) {
        quotas.admit(caller);
        return withModel(() -> contentVariants.generate(caller, touchpointId, request));
    }

    GenerationResult experimentSuggestions(CurrentWorkspace caller, UUID touchpointId,
                                           JobRequest request) {
        quotas.admit(caller);
        return withModel(() -> experiments.generate(caller, touchpointId, request));
    }

    GenerationResult solutionProposals(CurrentWorkspace caller, UUID opportunityId, JobRequest request) {
        quotas.admit(caller);
        return withModel(() -> solutions.generate(caller, opportunityId, request));
    }

    GenerationResult opportunityProposals(CurrentWorkspace caller, UUID journeyId, JobRequest request) {
        quotas.admit(caller);
        return withModel(() -> opportunities.generate(caller, journeyId, request));
    }

    GenerationResult personaDrafts(CurrentWorkspace caller, UUID journeyId, JobRequest request) {
        quotas.admit(caller);
        return withModel(() -> personas.generate(caller, journeyId, request));
    }

    /** A batch cell's tokens count against its owner's quota; it was admitted once, when the batch started. */
    private void spent(CurrentWorkspace caller, Generator.Generated<?> generated) {
        quotas.spend(caller, (long) generated.inputTokens() + generated.outputTokens());
    }

    /** Failures of the model service become problems that say what happened, never what was sent. */
    private static <T> T withModel(Supplier<T> call) {
        try {
            return call.get();
        } catch (ModelUnavailableException e) {
            throw e.problem();
        } catch (MalformedAnswerException e) {
            throw new ApiProblemException(HttpStatus.BAD_GATEWAY, "Unusable model answer", e.getMessage(), List.of());
        }
    }
}
