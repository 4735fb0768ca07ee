package com.journeyassistant.evidence;

import com.journeyassistant.platform.TenantScope;
import com.journeyassistant.journey.DemoJourneySeeded;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Gives the demo journey its evidence — about 300 feedback items (mostly Dutch, some with
 * personal data or instructions aimed at an AI, as real feedback has) and monthly KPIs —
 * through the same import as any upload, once the demo map is committed.
 */
@Component
class DemoEvidence {

    private static final Logger log = LoggerFactory.getLogger(DemoEvidence.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final EvidenceImporter importer;

    DemoEvidence(EvidenceImporter importer) {
        this.importer = importer;
    }

    @TransactionalEventListener
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    void seed(DemoJourneySeeded demo) {
        TenantScope.acrossWorkspaces("the demo workspace", () -> seedEvidence(demo));
    }

    private void seedEvidence(DemoJourneySeeded demo) {
        var feedback = importer.importFeedback(demo.workspaceId(), placed("demo/feedback.jsonl", demo),
                RecordReader.Format.JSONL, false);
        var kpis = importer.importKpis(demo.workspaceId(), placed("demo/kpis.jsonl", demo), RecordReader.Format.JSONL, false);
        log.info("Seeded demo evidence: {} feedback items, {} KPIs; embedding them in the background",
                feedback.stored(), kpis.stored());
    }

    /** The demo file with each "stage-N" and "touchpoint-N" reference replaced by that stage's or touchpoint's id. */
    private static InputStream placed(String resource, DemoJourneySeeded demo) {
        List<String> lines = new ArrayList<>();
        try (InputStream in = new ClassPathResource(resource).getInputStream()) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                ObjectNode item = (ObjectNode) JSON.readTree(line);
                place(item, "touchpoint", demo.touchpointIds());
                place(item, "stage", demo.stageIds());
                item.put("journeyId", demo.journeyId().toString());
                lines.add(JSON.writeValueAsString(item));
            }
        } catch (IOException e) {
            throw new IllegalStateException("demo resource " + resource + " is missing", e);
        }
        return new ByteArrayInputStream(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
    }

    private static void place(ObjectNode item, String field, List<UUID> idsInMapOrder) {
        String ref = item.path(field).asString();
        item.remove(field);
        if (!ref.isEmpty()) {
            int index = Integer.parseInt(ref.substring(ref.lastIndexOf('-') + 1)) - 1;
            item.put(field + "Id", idsInMapOrder.get(index).toString());
        }
    }
}
