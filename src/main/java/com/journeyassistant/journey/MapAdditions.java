package com.journeyassistant.journey;

import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * How other modules add to the map: accepted suggestions become personas, opportunities and
 * solutions through here, with the same checks as the map API (experiment plans: the experiments module).
 */
@Service
public class MapAdditions {

    private final Personas personas;
    private final Opportunities opportunities;
    private final Solutions solutions;
    MapAdditions(Personas personas, Opportunities opportunities, Solutions solutions) {
        this.personas = personas;
        this.opportunities = opportunities;
        this.solutions = solutions;
    }

    public MapModels.Persona addPersona(UUID workspaceId, UUID journeyId, String name, String description,
                                        List<String> goals, List<String> pains, List<String> behaviours,
                                        List<String> channels) {
        return personas.create(workspaceId, journeyId, new MapInputs.PersonaInput(clip(name, 200), clip(description, 4000),
                null, items(goals), items(pains), items(behaviours), items(channels), null));
    }

    public MapModels.Opportunity addOpportunity(UUID workspaceId, UUID journeyId, String title, String description,
                                                String priority, List<UUID> touchpointIds) {
        return opportunities.create(workspaceId, journeyId, new MapInputs.OpportunityInput(clip(title, 200),
                clip(description, 4000), Priority.valueOf(priority), null, touchpointIds, List.of(), null));
    }

    public MapModels.Solution addSolution(UUID workspaceId, UUID opportunityId, String title, String description) {
        return solutions.create(workspaceId, opportunityId, new MapInputs.SolutionInput(clip(title, 200),
                clip(description, 4000), SolutionStatus.IDEA, null, null));
    }

    private static String clip(String text, int max) {
        if (text == null) {
            return null;
        }
        String stripped = text.strip();
        return stripped.length() <= max ? stripped : stripped.substring(0, max - 1).strip() + "…";
    }

    /** Map list items are short and non-blank: longer ones are shortened, blank ones dropped. */
    private static List<String> items(List<String> values) {
        return values == null ? List.of() : values.stream().filter(v -> v != null && !v.isBlank())
                .map(v -> clip(v, MapInputs.MAX_ITEM)).limit(MapInputs.MAX_LIST).toList();
    }
}
