package com.journeyassistant.web;

import com.journeyassistant.platform.ApiProblemException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/** A page that cannot be shown (another workspace's journey, say) answers a page, not JSON: 404 looks like 404. */
@ControllerAdvice(basePackageClasses = PageErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageErrors {

    @ExceptionHandler(ApiProblemException.class)
    String problem(ApiProblemException problem, HttpServletResponse response, Model model) {
        response.setStatus(problem.status().value());
        model.addAttribute("status", problem.status().value());
        model.addAttribute("detail", problem.getMessage());
        return "problem";
    }
}
