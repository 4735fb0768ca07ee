package com.journeyassistant.platform;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;

/**
 * Requests Tomcat refuses before any servlet sees them (a query string longer than its limit, an encoded slash in a
 * path) are answered with a problem document instead of Tomcat's HTML page. Tomcat creates this valve itself, so
 * it writes its few fields without the application's JSON mapper.
 */
public class ProblemReportValve extends ErrorReportValve {

    private static final Pattern PLAIN_PATH = Pattern.compile("[A-Za-z0-9/_.~%-]{1,2000}");

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int code = response.getStatus();
        if (code < 400 || response.getContentWritten() > 0) {
            return;
        }
        AtomicBoolean writable = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, writable);
        if (!writable.get()) {
            return;
        }
        HttpStatus status = HttpStatus.resolve(code);
        if (status == null) {
            status = code >= 500 ? HttpStatus.INTERNAL_SERVER_ERROR : HttpStatus.BAD_REQUEST;
        }
        String path = request.getRequestURI();
        StringBuilder body = new StringBuilder("{\"title\":\"").append(status.getReasonPhrase())
                .append("\",\"status\":").append(code)
                .append(",\"detail\":\"").append(ErrorProblems.detail(status)).append('"');
        if (path != null && PLAIN_PATH.matcher(path).matches()) {
            body.append(",\"instance\":\"").append(path).append('"');
        }
        body.append('}');
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body.toString());
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response was taken over; there is nobody left to tell
        }
    }
}
