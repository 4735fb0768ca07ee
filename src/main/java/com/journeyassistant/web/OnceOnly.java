package com.journeyassistant.web;

import com.journeyassistant.platform.ApiProblemException;
import com.journeyassistant.platform.CurrentWorkspace;
import com.journeyassistant.platform.Handoffs;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Forms that create something are safe to submit twice. Each such form carries a token of its
 * own (the fragment {@code fragments :: once}); the first submit does the work and records where
 * it led, and a second submit of the same form (a double click, the back button, a retry that
 * reached another instance) is sent there too, after waiting for the first if it is still at work.
 */
@Component
class OnceOnly {

    /** The form field that carries the token. */
    static final String FIELD = "submission";
    private static final int MAX_TOKEN = 64;
    private static final Duration SECOND_SUBMIT_WAITS = Duration.ofSeconds(60);

    private final Handoffs handoffs;

    OnceOnly(Handoffs handoffs) {
        this.handoffs = handoffs;
    }

    /**
     * Runs {@code work} for the first submit of the form with this token and remembers its outcome
     * when it is an address to go to ({@code redirect:…}); a page shown instead (the form again,
     * with what is wrong) remembers nothing, so the form may be corrected and sent again. Without a
     * token (a client that is not the page) the work simply runs.
     */
    String submit(CurrentWorkspace caller, String token, Supplier<String> work) {
        return once(caller, token, work, outcome -> outcome != null && outcome.startsWith("redirect:"));
    }

    /**
     * Runs {@code work} for the first submit of the form with this token and remembers what it
     * answers, whatever it is (for example the ids of what it made), for a second submit to show.
     */
    String remember(CurrentWorkspace caller, String token, Supplier<String> work) {
        return once(caller, token, work, outcome -> outcome != null);
    }

    private String once(CurrentWorkspace caller, String token, Supplier<String> work,
                        java.util.function.Predicate<String> worthRemembering) {
        if (token == null || token.isBlank()) {
            return work.get();
        }
        if (token.length() > MAX_TOKEN) {
            throw ApiProblemException.invalid(FIELD, "must be at most " + MAX_TOKEN + " characters");
        }
        Handoffs.Submission submission = handoffs.submit(caller, token);
        if (submission instanceof Handoffs.Submission.AlreadyDone done) {
            return done.outcome();
        }
        if (submission instanceof Handoffs.Submission.InProgress running) {
            return handoffs.awaitOutcome(caller, running.id(), SECOND_SUBMIT_WAITS).orElseGet(() -> {
                if (handoffs.inProgress(caller, running.id())) {
                    throw new ApiProblemException(HttpStatus.CONFLICT, "Still at work",
                            "This form was sent before and is still being handled; reload the page in a moment",
                            List.of());
                }
                // the first submit failed and let go of the token: this one may try
                return once(caller, token, work, worthRemembering);
            });
        }
        java.util.UUID id = ((Handoffs.Submission.First) submission).id();
        String outcome;
        try {
            outcome = work.get();
        } catch (RuntimeException e) {
            handoffs.release(id);
            throw e;
        }
        if (worthRemembering.test(outcome)) {
            handoffs.done(id, outcome);
        } else {
            handoffs.release(id);
        }
        return outcome;
    }
}
