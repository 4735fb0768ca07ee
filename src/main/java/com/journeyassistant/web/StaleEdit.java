package com.journeyassistant.web;

import com.journeyassistant.platform.ApiProblemException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;

/** What a stale edit would have changed: per field, what is saved now and what the user typed. */
final class StaleEdit {

    record Changed(String field, String theirs, String yours) {
    }

    private StaleEdit() {
    }

    /**
     * Puts on the page why a save was refused, with its status: a 409 shows what was saved meanwhile
     * and by whom ({@code conflict}, {@code changedBy}), a 400 marks the fields ({@code fieldErrors}).
     * Anything else is not the user's to fix here and is thrown on.
     */
    static void explain(ApiProblemException problem, Model model, HttpServletResponse response,
                        Supplier<List<Changed>> changes, Supplier<String> changedBy) {
        if (problem.status() == HttpStatus.CONFLICT) {
            model.addAttribute("conflict", changes.get());
            model.addAttribute("changedBy", changedBy.get());
        } else if (problem.status() == HttpStatus.BAD_REQUEST) {
            model.addAttribute("fieldErrors", problem.errors().stream().map(ApiProblemException.FieldError::field)
                    .toList());
        } else {
            throw problem;
        }
        response.setStatus(problem.status().value());
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
