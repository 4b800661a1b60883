package dev.witbox.cli;

/** The exit statuses every witbox command keeps to. */
final class ExitStatus {

    /** The command did what was asked. */
    static final int OK = 0;

    /** The input (WIT, a binary, a script's call) was refused, with an explanation on stderr. */
    static final int REFUSED = 1;

    /** The command line itself was wrong: an unknown flag, a missing argument, a path that is not there. */
    static final int USAGE = 2;

    /** witbox failed in a way it did not anticipate: a bug, reported with its stack trace. */
    static final int INTERNAL_ERROR = 70;

    private ExitStatus() {}
}
