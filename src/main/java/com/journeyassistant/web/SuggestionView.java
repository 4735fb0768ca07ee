package com.journeyassistant.web;

import com.journeyassistant.suggestions.Suggestions;
import java.util.List;

/** A suggestion as a card shows it: its text fields line by line, its cited quotes to open. */
record SuggestionView(Suggestions.Suggestion suggestion, List<ReviewQueue.Line> lines) {

    static SuggestionView of(Suggestions.Suggestion suggestion) {
        return new SuggestionView(suggestion, ReviewQueue.lines(suggestion.currentContent()));
    }

    /** The quote behind a reference ("F1") as the page's popover names it. */
    public String popoverId(Suggestions.Citation citation) {
        return "cite-" + suggestion.id() + "-" + citation.ref();
    }
}
