package com.journeyassistant.platform;

import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * A failure that becomes an RFC 9457 problem response. Thrown by feature modules for
 * unknown ids, stale versions, invalid references and other expected errors.
 */
public class ApiProblemException extends RuntimeException {

    /**
     * One offending input: its JSON path (e.g. {@code touchpointIds[2]}) or column name, what is
     * wrong, and for uploads the line of the file it is on.
     */
    public record FieldError(String field, String message, Integer line) {
        public FieldError(String field, String message) {
            this(field, message, null);
        }
    }

    private final HttpStatus status;
    private final String title;
    private final List<FieldError> errors;
    private long retryAfterSeconds = -1;

    public ApiProblemException(HttpStatus status, String title, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public static ApiProblemException notFound(String what, Object id) {
        return new ApiProblemException(HttpStatus.NOT_FOUND, "Not found",
                what + " " + id + " does not exist in this workspace", List.of());
    }

    public static ApiProblemException invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    public static ApiProblemException invalid(List<FieldError> errors) {
        String fields = String.join(", ", errors.stream().map(FieldError::field).toList());
        return new ApiProblemException(HttpStatus.BAD_REQUEST, "Invalid request",
                "Invalid value for: " + fields, errors);
    }

    public static ApiProblemException conflict(String detail) {
        return new ApiProblemException(HttpStatus.CONFLICT, "Conflict", detail, List.of());
    }

    public static ApiProblemException staleVersion(String what, long expected, long actual) {
        return new ApiProblemException(HttpStatus.CONFLICT, "Version conflict",
                what + " has version " + actual + " but the update was based on version " + expected
                        + "; fetch it again and re-apply your change",
                List.of(new FieldError("version", "stale: current version is " + actual)));
    }

    /** Answers with a Retry-After header of this many seconds (at least 1). */
    public ApiProblemException retryAfter(long seconds) {
        this.retryAfterSeconds = Math.max(1, seconds);
        return this;
    }

    /** The Retry-After seconds to answer with, or -1 for none. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
