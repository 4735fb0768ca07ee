package com.journeyassistant.generation;

/** The model could not be reached or keeps failing; says why without quoting what was sent. */
class ModelUnavailableException extends RuntimeException {

    enum Reason { CIRCUIT_OPEN, TIMEOUT, UNREACHABLE, REJECTED, FAILING }

    private final Reason reason;
    private final int status;

    ModelUnavailableException(Reason reason, int status, String message) {
        super(message);
        this.reason = reason;
        this.status = status;
    }

    Reason reason() {
        return reason;
    }

    int status() {
        return status;
    }
}
