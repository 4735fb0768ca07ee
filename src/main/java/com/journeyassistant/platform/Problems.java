package com.journeyassistant.platform;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** Builds the RFC 9457 problem documents every error of the API is answered with. */
final class Problems {

    private Problems() {
    }

    static ProblemDetail of(HttpStatusCode status, String title, String detail,
                            List<ApiProblemException.FieldError> errors, String path) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        if (path != null) {
            try {
                problem.setInstance(URI.create(path));
            } catch (IllegalArgumentException notAUri) {
                // a path the container refused may not even be a URI; the problem then names none
            }
        }
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors.stream().map(Problems::error).toList());
        }
        return problem;
    }

    private static Map<String, Object> error(ApiProblemException.FieldError error) {
        Map<String, Object> entry = new java.util.LinkedHashMap<>();
        if (error.line() != null) {
            entry.put("line", error.line());
        }
        entry.put("field", error.field());
        entry.put("message", error.message());
        return entry;
    }
}
