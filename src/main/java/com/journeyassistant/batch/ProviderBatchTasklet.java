package com.journeyassistant.batch;

import com.journeyassistant.batch.BatchModels.Cell;
import com.journeyassistant.generation.GenerationJobs;
import com.journeyassistant.model.ProviderBatches;
import com.journeyassistant.platform.ApiProblemException;
import com.journeyassistant.suggestions.Suggestions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A run through the provider's batch endpoint, in three phases read from what is stored, so a
 * restart carries on where it was: submit (each pending cell prepared like a live request, its
 * evidence frozen with it, all of them uploaded as one file and started as one batch); wait
 * (the batch's status, every {@code provider-poll}); collect (each answer checked like a live
 * one and repaired live once if it must be; answers the provider could not give, and cells it
 * did not answer before its batch ended, are failed with why, to be retried live).
 */
@Component
class ProviderBatchTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(ProviderBatchTasklet.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final BatchStore store;
    private final GenerationJobs generation;
    private final Suggestions suggestions;
    private final ProviderBatches provider;
    private final TransactionTemplate transaction;
    private final BatchSettings settings;

    ProviderBatchTasklet(BatchStore store, GenerationJobs generation, Suggestions suggestions,
                         ProviderBatches provider, TransactionTemplate transaction, BatchSettings settings) {
        this.store = store;
        this.generation = generation;
        this.suggestions = suggestions;
        this.provider = provider;
        this.transaction = transaction;
        this.settings = settings;
    }

    static String claim(UUID runId) {
        return "provider:" + runId;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext context) throws InterruptedException {
        UUID runId = UUID.fromString(String.valueOf(context.getStepContext().getJobParameters().get(BatchJob.RUN_ID)));
        BatchStore.Run run = store.run(runId).orElse(null);
        if (run == null || run.status() != BatchModels.RunStatus.RUNNING) {
            return RepeatStatus.FINISHED;
        }
        if (run.providerBatchId() == null) {
            return submit(run) ? RepeatStatus.CONTINUABLE : RepeatStatus.FINISHED;
        }
        ProviderBatches.Batch batch = provider.get(run.providerBatchId());
        if (!batch.status().equals(run.providerStatus())) {
            store.providerStatus(runId, batch.status());
        }
        if (!batch.ended()) {
            Thread.sleep(settings.providerPoll().toMillis());
            return RepeatStatus.CONTINUABLE;
        }
        collect(run, batch);
        return RepeatStatus.FINISHED;
    }

    /** Whether a batch was started (false: nothing left to ask). */
    private boolean submit(BatchStore.Run run) {
        String claim = claim(run.id());
        // cells claimed by a submit that died before its batch was started go back first
        store.releaseClaims(run.id(), claim);
        Instant until = Instant.now().plus(2, ChronoUnit.DAYS).plus(settings.lease());
        StringBuilder lines = new StringBuilder();
        int asked = 0;
        for (Optional<Cell> next = store.claim(run.id(), claim, until); next.isPresent();
             next = store.claim(run.id(), claim, until)) {
            Cell cell = next.get();
            try {
                GenerationJobs.PreparedCopy prepared = generation.prepareContentVariants(run.caller(),
                        cell.touchpointId(), cell.personaId(), cell.channel(), cell.language(), cell.count(),
                        cell.brief());
                store.freeze(cell.id(), prepared.frozen());
                ObjectNode line = JSON.createObjectNode();
                line.put("custom_id", cell.id().toString());
                line.put("method", "POST");
                line.put("url", "/v1/chat/completions");
                line.set("body", JSON.readTree(prepared.requestBody()));
                lines.append(JSON.writeValueAsString(line)).append('\n');
                asked++;
            } catch (ApiProblemException e) {
                store.failed(cell.id(), claim, CellWorker.reason(e));
            }
        }
        if (asked == 0) {
            return false;
        }
        String file = provider.upload(lines.toString());
        ProviderBatches.Batch batch = provider.create(file, settings.providerWindow());
        store.providerBatch(run.id(), batch.id(), batch.status());
        log.info("Batch {}: {} cells sent to the provider's batch endpoint as {}", run.id(), asked, batch.id());
        return true;
    }

    private void collect(BatchStore.Run run, ProviderBatches.Batch batch) {
        String claim = claim(run.id());
        java.util.Map<UUID, Cell> held = new java.util.HashMap<>();
        store.held(run.id(), claim).forEach(c -> held.put(c.id(), c));
        if (batch.outputFileId() != null) {
            for (String line : provider.content(batch.outputFileId()).split("\n")) {
                readable(line).ifPresent(answer -> answer(run, claim, held, answer));
            }
        }
        if (batch.errorFileId() != null) {
            for (String line : provider.content(batch.errorFileId()).split("\n")) {
                readable(line).ifPresent(error -> cell(error).ifPresent(cellId -> store.failed(cellId, claim,
                        "the provider could not answer this request (" + errorCode(error) + ")")));
            }
        }
        for (Cell left : store.held(run.id(), claim)) {
            store.failed(left.id(), claim, "the provider's batch ended (" + batch.status() + ") before this cell was"
                    + " answered; retry the failed cells to ask live");
        }
    }

    private void answer(BatchStore.Run run, String claim, java.util.Map<UUID, Cell> held, JsonNode line) {
        Optional<UUID> found = cell(line);
        if (found.isEmpty()) {
            return;
        }
        UUID cellId = found.get();
        Cell cell = held.remove(cellId);
        if (cell == null) {
            return; // answered before a restart, or not a cell of this run
        }
        JsonNode response = line.path("response");
        int status = response.path("status_code").asInt(0);
        if (status != 200) {
            store.failed(cellId, claim, "the provider answered " + status + " (" + errorCode(line) + ")");
            return;
        }
        JsonNode body = response.path("body");
        String text = body.path("choices").path(0).path("message").path("content").asString("");
        int input = body.path("usage").path("prompt_tokens").asInt(0);
        int output = body.path("usage").path("completion_tokens").asInt(0);
        try {
            GenerationJobs.CopyDraft draft = generation.finishContentVariants(run.caller(), cell.touchpointId(),
                    new GenerationJobs.PreparedCopy(null, store.frozen(cellId)), text, input, output);
            transaction.executeWithoutResult(tx -> {
                List<Suggestions.Suggestion> saved = suggestions.store(run.workspaceId(), draft.provenance(),
                        draft.drafts(), cellId);
                if (!store.done(cellId, claim, saved.get(0).generationId(), draft.provenance().inputTokens(),
                        draft.provenance().outputTokens())) {
                    tx.setRollbackOnly();
                }
            });
        } catch (ApiProblemException e) {
            store.failed(cellId, claim, CellWorker.reason(e));
        }
    }

    /** A line of a result file as JSON; a line that is not (a provider's mistake) is skipped, and its cell fails as unanswered. */
    private static Optional<JsonNode> readable(String line) {
        if (line.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(line);
            return node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (tools.jackson.core.JacksonException unreadable) {
            log.warn("A line of a provider batch's results is not JSON; its cell fails as unanswered");
            return Optional.empty();
        }
    }

    private static Optional<UUID> cell(JsonNode line) {
        try {
            return Optional.of(UUID.fromString(line.path("custom_id").asString("")));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }

    /** The provider's error code or type, never its message (it may quote the request). */
    private static String errorCode(JsonNode line) {
        JsonNode error = line.path("error").isObject() ? line.path("error")
                : line.path("response").path("body").path("error");
        String code = error.path("code").asString(error.path("type").asString(""));
        return code.isBlank() ? "no reason given" : code;
    }
}
