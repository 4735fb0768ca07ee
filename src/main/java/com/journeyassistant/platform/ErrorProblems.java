package com.journeyassistant.platform;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * What the servlet container forwards to {@code /error} (no handler for a path, a request refused before it reached
 * one) answers as a problem document like every other failure, or as the web workspace's problem page for a browser.
 */
@Controller
class ErrorProblems implements ErrorController {

    private final ProblemWriter problems;

    ErrorProblems(ProblemWriter problems) {
        this.problems = problems;
    }

    @RequestMapping(value = "/error", produces = MediaType.TEXT_HTML_VALUE)
    String page(HttpServletRequest request, HttpServletResponse response, Model model) {
        int status = status(request).value();
        response.setStatus(status);
        model.addAttribute("status", status);
        model.addAttribute("detail", null);
        return "problem";
    }

    @RequestMapping("/error")
    void problem(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpStatus status = status(request);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        problems.write(uri instanceof String path ? path : request.getRequestURI(), response, status,
                status.getReasonPhrase(), detail(status), List.of());
    }

    /** Tomcat's own refusals (before the application sees a request) as problems too: see {@link ProblemReportValve}. */
    @Bean
    static TomcatContextCustomizer problemReports() {
        return context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemReportValve.class.getName());
            }
        };
    }

    static String detail(HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> "There is nothing at this path; the API is under /api (see /v3/api-docs)";
            case METHOD_NOT_ALLOWED -> "This path does not take this method";
            case BAD_REQUEST -> "The request could not be read: its path, query or headers are malformed or too long";
            case REQUEST_HEADER_FIELDS_TOO_LARGE -> "The request's headers are too large";
            case URI_TOO_LONG -> "The request's path and query are too long";
            default -> status.is5xxServerError()
                    ? "Something went wrong on our side; nothing was changed by this request"
                    : "The request was refused";
        };
    }

    private static HttpStatus status(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
        return status == null || status.value() < 400 ? HttpStatus.INTERNAL_SERVER_ERROR : status;
    }
}
