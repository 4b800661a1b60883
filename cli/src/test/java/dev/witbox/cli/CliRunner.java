package dev.witbox.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the {@code witbox} command line in-process, keeping what it printed on each stream. */
final class CliRunner {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** Runs {@code witbox ARGS...}; returns the exit code. Output accumulates across runs until {@link #clear}. */
    int run(String... args) {
        return Cli.create(new PrintWriter(out), new PrintWriter(err)).execute(args);
    }

    /** What was printed to standard output. */
    String out() {
        return out.toString();
    }

    /** What was printed to standard error. */
    String err() {
        return err.toString();
    }

    /** Forgets what was printed so far. */
    void clear() {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
    }
}
