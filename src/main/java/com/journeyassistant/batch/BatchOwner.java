package com.journeyassistant.batch;

import java.lang.management.ManagementFactory;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * This process as the owner of runs and holder of cells: a name unique to this start of the
 * service, so that a restarted service (or another node) can tell which runs and cells were
 * left by a process that is gone.
 */
@Component
class BatchOwner {

    private final String name = shorten(ManagementFactory.getRuntimeMXBean().getName().replaceAll("[^\\w@.-]", ""))
            + "-" + UUID.randomUUID().toString().substring(0, 8);

    private static String shorten(String text) {
        return text.length() > 50 ? text.substring(0, 50) : text;
    }

    String name() {
        return name;
    }

    /** A worker thread's claim on a cell: the owner's name first, so all of a dead owner's claims can be released. */
    String claimFor(Thread worker) {
        return name + "/" + worker.getName();
    }

    static String claimPrefix(String owner) {
        return owner + "/";
    }
}
