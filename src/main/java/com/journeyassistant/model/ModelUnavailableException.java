package com.journeyassistant.model;

import com.journeyassistant.platform.ApiProblemException;
import java.util.List;
import org.springframework.http.HttpStatus;

/** The model could not be reached or keeps failing; says why without quoting what was sent. */
public class ModelUnavailableException extends RuntimeException {

    public enum Reason { CIRCUIT_OPEN, TIMEOUT, UNREACHABLE, REJECTED, FAILING }

    /** The title of the problem while the circuit is open: a wait, not a failure of the request itself. */
    public static final String CIRCUIT_OPEN_TITLE = "Language model temporarily unavailable";

    private final Reason reason;
    private final int status;

    ModelUnavailableException(Reason reason, int status, String message) {
        super(message);
        this.reason = reason;
        this.status = status;
    }

    public Reason reason() {
        return reason;
    }

    int status() {
        return status;
    }

    /** The problem a request ends with: 503 while the circuit is open, 504 on a timeout, else 502. */
    public ApiProblemException problem() {
        String title = switch (reason) {
            case CIRCUIT_OPEN -> CIRCUIT_OPEN_TITLE;
            case TIMEOUT -> "Language model timed out";
            default -> "Language model failed";
        };
        return new ApiProblemException(HttpStatus.valueOf(status), title, getMessage(), List.of());
    }
}
