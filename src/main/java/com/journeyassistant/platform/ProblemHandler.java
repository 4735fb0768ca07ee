package com.journeyassistant.platform;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every failure into an RFC 9457 problem that names the offending field. Messages
 * never echo request content: request bodies carry customer text, which must not reach
 * responses of other clients or the logs.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(ApiProblemException.class)
    ResponseEntity<ProblemDetail> apiProblem(ApiProblemException e, HttpServletRequest request) {
        ResponseEntity<ProblemDetail> response = respond(e.status(), e.title(), e.getMessage(), e.errors(),
                request.getRequestURI());
        if (e.retryAfterSeconds() > 0) {
            return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds())).body(response.getBody());
        }
        return response;
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ProblemDetail> integrity(DataIntegrityViolationException e, HttpServletRequest request) {
        log.warn("Integrity violation on {} {}: {}", request.getMethod(), request.getRequestURI(),
                e.getMostSpecificCause().getClass().getSimpleName());
        return respond(HttpStatus.CONFLICT, "Conflict",
                "The change conflicts with existing data (a referenced item was removed or a value must be unique)",
                List.of(), request.getRequestURI());
    }

    /** A request body that failed while being streamed: over the size limit, or the client went away. */
    @ExceptionHandler(java.io.UncheckedIOException.class)
    ResponseEntity<ProblemDetail> unreadableBody(java.io.UncheckedIOException e, HttpServletRequest request) {
        java.util.OptionalLong exceeded = RequestSizeLimitFilter.exceededLimit(e);
        if (exceeded.isPresent()) {
            return respond(HttpStatus.CONTENT_TOO_LARGE, "Request too large",
                    RequestSizeLimitFilter.tooLargeDetail(exceeded.getAsLong()), List.of(), request.getRequestURI());
        }
        log.info("Request body on {} {} could not be read: {}", request.getMethod(), request.getRequestURI(),
                e.getCause().getClass().getSimpleName());
        return respond(HttpStatus.BAD_REQUEST, "Unreadable request body",
                "The request body could not be read completely; nothing was stored", List.of(), request.getRequestURI());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        log.error("Unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), e);
        return respond(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "Something went wrong on our side; nothing was changed by this request", List.of(),
                request.getRequestURI());
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<ApiProblemException.FieldError> errors = new ArrayList<>();
        for (FieldError error : e.getBindingResult().getFieldErrors()) {
            errors.add(new ApiProblemException.FieldError(error.getField(), error.getDefaultMessage()));
        }
        e.getBindingResult().getGlobalErrors().forEach(error ->
                errors.add(new ApiProblemException.FieldError(error.getObjectName(), error.getDefaultMessage())));
        return invalid(errors, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<ApiProblemException.FieldError> errors = new ArrayList<>();
        e.getParameterValidationResults().forEach(result -> result.getResolvableErrors().forEach(error ->
                errors.add(new ApiProblemException.FieldError(
                        result.getMethodParameter().getParameterName(), error.getDefaultMessage()))));
        return invalid(errors, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String name = e instanceof MethodArgumentTypeMismatchException m ? m.getName() : e.getPropertyName();
        String expected = e.getRequiredType() == null ? "another type" : describe(e.getRequiredType());
        return invalid(List.of(new ApiProblemException.FieldError(name, "must be " + expected)), request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        java.util.OptionalLong exceeded = RequestSizeLimitFilter.exceededLimit(e);
        if (exceeded.isPresent()) {
            return asObject(respond(HttpStatus.CONTENT_TOO_LARGE, "Request too large",
                    RequestSizeLimitFilter.tooLargeDetail(exceeded.getAsLong()), List.of(), path(request)));
        }
        return fromJson(e.getCause(), request);
    }

    /** A JSON document read outside a message converter (a merge patch applied to an item) that did not fit. */
    @ExceptionHandler(MismatchedInputException.class)
    ResponseEntity<Object> unreadableJson(MismatchedInputException e, WebRequest request) {
        return fromJson(e, request);
    }

    private ResponseEntity<Object> fromJson(Throwable cause, WebRequest request) {
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return invalid(List.of(new ApiProblemException.FieldError(pathOf(unknown),
                    "unknown field; allowed here: " + unknown.getKnownPropertyIds())), request);
        }
        if (cause instanceof StrictJson.InvalidTextException text) {
            return invalid(List.of(new ApiProblemException.FieldError(pathOf(text), text.reason())), request);
        }
        if (cause instanceof InvalidFormatException format && format.getTargetType() != null) {
            return invalid(List.of(new ApiProblemException.FieldError(pathOf(format),
                    "must be " + describe(format.getTargetType()))), request);
        }
        if (cause instanceof MismatchedInputException mismatch) {
            String expected = mismatch.getTargetType() == null ? "of another type" : describe(mismatch.getTargetType());
            return invalid(List.of(new ApiProblemException.FieldError(pathOf(mismatch), "must be " + expected)), request);
        }
        if (cause instanceof StreamReadException malformed) {
            TokenStreamLocation at = malformed.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            return asObject(respond(HttpStatus.BAD_REQUEST, "Malformed JSON",
                    "The request body is not valid JSON" + where, List.of(), path(request)));
        }
        if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
            return invalid(List.of(new ApiProblemException.FieldError(pathOf(jackson), "has an invalid value")), request);
        }
        return asObject(respond(HttpStatus.BAD_REQUEST, "Unreadable request body",
                "The request body is missing or is not a JSON document", List.of(), path(request)));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(e, body, headers, statusCode, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem && problem.getInstance() == null) {
            String path = path(request);
            if (path != null) {
                problem.setInstance(java.net.URI.create(path));
            }
        }
        return response;
    }

    private ResponseEntity<Object> invalid(List<ApiProblemException.FieldError> errors, WebRequest request) {
        ApiProblemException problem = ApiProblemException.invalid(errors);
        return asObject(respond(problem.status(), problem.title(), problem.getMessage(), errors, path(request)));
    }

    private static ResponseEntity<ProblemDetail> respond(HttpStatusCode status, String title, String detail,
            List<ApiProblemException.FieldError> errors, String path) {
        return ResponseEntity.status(status)
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(status, title, detail, errors, path));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ResponseEntity<Object> asObject(ResponseEntity<ProblemDetail> response) {
        return (ResponseEntity) response;
    }

    private static String path(WebRequest request) {
        return request instanceof ServletWebRequest servlet ? servlet.getRequest().getRequestURI() : null;
    }

    /** The JSON path of the failing value, e.g. {@code touchpoints[2].channel}. */
    static String pathOf(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static String describe(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants());
        }
        return switch (type.getSimpleName()) {
            case "UUID" -> "a UUID";
            case "Integer", "int", "Long", "long" -> "a whole number";
            case "Double", "double", "BigDecimal" -> "a number";
            case "Boolean", "boolean" -> "true or false";
            case "String" -> "a string";
            case "List", "Set", "Collection" -> "an array";
            case "Instant", "OffsetDateTime" -> "an ISO-8601 timestamp";
            case "LocalDate" -> "an ISO-8601 date (yyyy-mm-dd)";
            default -> type.isRecord() || !type.getPackageName().startsWith("java") ? "a JSON object" : "a " + type.getSimpleName();
        };
    }
}
