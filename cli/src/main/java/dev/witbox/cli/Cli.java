package dev.witbox.cli;

import dev.witbox.api.WitboxException;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Builds the picocli command line with witbox's error handling: a refused input prints its
 * explanation (never a stack trace) and exits {@link ExitStatus#REFUSED}; an unexpected exception
 * is a bug and is reported with its stack trace.
 */
final class Cli {

    private Cli() {}

    static CommandLine create() {
        return create(new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }

    static CommandLine create(PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new WitboxCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler(Cli::handleExecutionException);
        return commandLine;
    }

    private static int handleExecutionException(
            Exception exception, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        if (exception instanceof UsageException) {
            err.println("witbox: " + exception.getMessage());
            err.flush();
            return ExitStatus.USAGE;
        }
        if (exception instanceof WitboxException) {
            err.println(exception.getMessage());
            err.flush();
            return ExitStatus.REFUSED;
        }
        err.println("witbox: internal error (this is a bug in witbox, please report it):");
        exception.printStackTrace(err);
        err.flush();
        return ExitStatus.INTERNAL_ERROR;
    }
}
