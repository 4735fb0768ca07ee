package com.journeyassistant.platform;

import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * Optimistic locking for updates: the version the client based its change on comes from the
 * {@code If-Match} header (the ETag of a GET) or the {@code version} field of the body.
 * An update without either is refused, so nothing is overwritten blindly.
 */
public final class ExpectedVersion {

    private ExpectedVersion() {
    }

    public static long resolve(String ifMatch, Long bodyVersion) {
        if (ifMatch != null && !ifMatch.isBlank()) {
            long fromHeader = parseEtag(ifMatch);
            if (bodyVersion != null && bodyVersion != fromHeader) {
                throw ApiProblemException.invalid("version",
                        "the body says version " + bodyVersion + " but If-Match says " + fromHeader);
            }
            return checked("If-Match", fromHeader);
        }
        if (bodyVersion != null) {
            return checked("version", bodyVersion);
        }
        throw new ApiProblemException(HttpStatus.PRECONDITION_REQUIRED, "Version required",
                "Send the version you are updating, as an If-Match header with the ETag from GET or as the 'version' field",
                List.of(new ApiProblemException.FieldError("version", "required for updates")));
    }

    /** Versions start at 0; a negative one is a client's mistake, not a conflict with someone else's change. */
    private static long checked(String field, long version) {
        if (version < 0) {
            throw ApiProblemException.invalid(field, "must be 0 or more");
        }
        return version;
    }

    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    private static long parseEtag(String ifMatch) {
        String value = ifMatch.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ApiProblemException.invalid("If-Match", "expected an ETag such as \"3\"");
        }
    }
}
