package com.journeyassistant.platform;

import jakarta.servlet.http.Cookie;
import java.io.IOException;
import java.io.Writer;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;
import org.springframework.web.util.HtmlUtils;

/**
 * Requests Tomcat refuses before any servlet sees them (a query string longer than its limit, an encoded slash in a
 * path) are answered with a problem document instead of Tomcat's HTML page, and a browser gets the web workspace's
 * problem page in its language. Tomcat creates this valve itself, so it writes its few fields without the
 * application's JSON mapper and templates.
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
        String accept = request.getHeader("Accept");
        if (accept != null && accept.contains("text/html")) {
            write(response, "text/html", page(code, language(request)));
            return;
        }
        String path = request.getRequestURI();
        StringBuilder body = new StringBuilder("{\"title\":\"").append(status.getReasonPhrase())
                .append("\",\"status\":").append(code)
                .append(",\"detail\":\"").append(ErrorProblems.detail(status)).append('"');
        if (path != null && PLAIN_PATH.matcher(path).matches()) {
            body.append(",\"instance\":\"").append(path).append('"');
        }
        body.append('}');
        write(response, "application/problem+json", body.toString());
    }

    private static void write(Response response, String contentType, String body) {
        try {
            response.setContentType(contentType);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response was taken over; there is nobody left to tell
        }
    }

    /** The language the web workspace would show: its cookie, else the browser's (Dutch for Dutch, else English). */
    private static Locale language(Request request) {
        String language;
        try {
            String chosen = null;
            if (request.getCookies() != null) {
                for (Cookie cookie : request.getCookies()) {
                    if (cookie.getName().equals("journey-lang")) {
                        chosen = cookie.getValue();
                    }
                }
            }
            language = chosen != null ? chosen : request.getLocale().getLanguage();
        } catch (RuntimeException unreadable) {
            // a request refused for its headers may not yield its cookies or languages either
            language = "";
        }
        return language.startsWith("nl") ? Locale.forLanguageTag("nl") : Locale.ROOT;
    }

    /** The problem page (templates/problem.html) without the application: the same texts, styles and way back. */
    static String page(int code, Locale language) {
        ResourceBundle messages = ResourceBundle.getBundle("messages", language,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        String title = HtmlUtils.htmlEscape(messages.getString("problem.title"), "UTF-8");
        String said = code == 404 ? messages.getString("problem.404")
                : new MessageFormat(messages.getString("problem.other"), language).format(new Object[] {code});
        String explanation = HtmlUtils.htmlEscape(said, "UTF-8");
        String back = HtmlUtils.htmlEscape(messages.getString("problem.back"), "UTF-8");
        return "<!DOCTYPE html>\n<html lang=\"" + (language.getLanguage().isEmpty() ? "en" : language.getLanguage())
                + "\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + title + " · Journey Assistant</title>\n<link rel=\"stylesheet\" href=\"/css/app.css\">\n"
                + "</head>\n<body>\n<main id=\"main\" class=\"page\">\n<h1>" + title + "</h1>\n<p>" + explanation
                + "</p>\n<p><a href=\"/journeys\">" + back + "</a></p>\n"
                + "</main>\n</body>\n</html>\n";
    }
}
