package com.journeyassistant.evidence;

/** The embedding service could not embed the texts (unreachable, slow, rate-limited or answering nonsense). */
class EmbeddingUnavailableException extends RuntimeException {

    EmbeddingUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
