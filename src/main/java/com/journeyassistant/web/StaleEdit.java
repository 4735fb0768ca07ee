package com.journeyassistant.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What a stale edit would have changed: per field, what is saved now and what the user typed. */
final class StaleEdit {

    record Changed(String field, String theirs, String yours) {
    }

    private StaleEdit() {
    }

    /** The fields (in the order of {@code theirs}) whose text differs, ignoring surrounding blanks. */
    static List<Changed> changes(Map<String, String> theirs, Map<String, String> yours) {
        List<Changed> changed = new ArrayList<>();
        theirs.forEach((field, saved) -> {
            String typed = Objects.toString(yours.get(field), "");
            if (!Objects.toString(saved, "").strip().equals(typed.strip())) {
                changed.add(new Changed(field, Objects.toString(saved, ""), typed));
            }
        });
        return changed;
    }
}
