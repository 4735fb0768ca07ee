package com.journeyassistant.generation;

import com.journeyassistant.suggestions.Suggestions;
import java.util.List;
import java.util.UUID;

/** What a generation request answers: the stored suggestions, and the model and prompt behind them. */
public record GenerationResult(UUID generationId, String model, String promptVersion,
                               List<Suggestions.Suggestion> suggestions) {

    static GenerationResult of(List<Suggestions.Suggestion> stored) {
        return new GenerationResult(stored.get(0).generationId(), stored.get(0).model(), stored.get(0).promptVersion(),
                stored);
    }
}
