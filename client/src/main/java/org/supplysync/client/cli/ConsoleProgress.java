package org.supplysync.client.cli;

import org.supplysync.client.sync.SyncListener;

import java.io.PrintStream;

/**
 * A text progress bar on standard error: redrawn in place on a terminal, a line per step and per tenth otherwise.
 */
final class ConsoleProgress implements SyncListener {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final boolean terminal;
    private String current;
    private int lastTenth = -1;
    private boolean barShown;

    ConsoleProgress(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public synchronized void step(String step) {
        endBar();
        current = step;
        lastTenth = -1;
        out.println("… " + step);
    }

    @Override
    public synchronized void progress(String step, long done, long total) {
        if (total <= 0) {
            return;
        }
        int filled = (int) Math.min(WIDTH, done * WIDTH / total);
        String bar = "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + done + "/" + total + " " + step;
        if (terminal) {
            out.print("\r" + bar);
            barShown = true;
        } else {
            int tenth = (int) Math.min(10, done * 10 / total);
            if (tenth != lastTenth) {
                lastTenth = tenth;
                out.println(bar);
            }
        }
    }

    @Override
    public synchronized void note(String message) {
        endBar();
        out.println("  note: " + message);
    }

    synchronized void finish() {
        endBar();
    }

    private void endBar() {
        if (barShown) {
            out.println();
            barShown = false;
        }
    }
}
