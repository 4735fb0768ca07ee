package com.journeyassistant.eval;

import java.io.PrintStream;

/**
 * A progress bar on the terminal ({@code [#####.....] 12/58 generation cv-05}); where the output
 * is not a terminal (CI logs) a line every tenth of the way instead.
 */
final class Progress {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final boolean terminal;
    private final int total;
    private int done;
    private int lastTenth = -1;

    Progress(PrintStream out, int total) {
        this.out = out;
        this.terminal = System.console() != null;
        this.total = Math.max(1, total);
    }

    void step(String what) {
        done++;
        int filled = done * WIDTH / total;
        String line = String.format("[%s%s] %d/%d %s", "#".repeat(filled), ".".repeat(WIDTH - filled), done, total, what);
        if (terminal) {
            out.print("\r" + line + " ".repeat(Math.max(0, 40 - what.length())));
            if (done == total) {
                out.println();
            }
        } else if (done * 10 / total != lastTenth) {
            lastTenth = done * 10 / total;
            out.println(line);
        }
        out.flush();
    }
}
