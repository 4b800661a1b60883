package dev.witbox.cli;

import dev.witbox.api.WitboxException;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Builds the picocli command line with witbox's error handling: a refused input prints its explanation and exits
 * {@link ExitStatus#REFUSED}; a usage error exits {@link ExitStatus#USAGE}; an unexpected exception is a bug,
 * reported in one line with exit {@link ExitStatus#INTERNAL_ERROR}. No stack trace is printed unless the command
 * line says {@code --debug}.
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
        commandLine.setParameterExceptionHandler(Cli::handleParameterException);
        return commandLine;
    }

    /** A command line picocli could not parse: what is wrong, in one line, and where the usage is. */
    private static int handleParameterException(CommandLine.ParameterException exception, String[] args) {
        CommandLine command = exception.getCommandLine();
        PrintWriter err = command.getErr();
        String name = command.getCommandSpec().qualifiedName();
        String suggestion = "";
        if (exception instanceof CommandLine.UnmatchedArgumentException unmatched
                && !unmatched.getSuggestions().isEmpty()) {
            suggestion = " (did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?)";
        }
        err.println(name + ": " + exception.getMessage() + suggestion + "; `" + name + " --help` shows the usage");
        trace(err, exception, java.util.Arrays.asList(args).contains("--debug"));
        return ExitStatus.USAGE;
    }

    /**
     * Runs the command line; a JVM error escaping a command (the heap or the stack ran out) ends it like any other
     * internal error instead of with the JVM's own stack trace.
     */
    static int execute(CommandLine commandLine, String... args) {
        try {
            return commandLine.execute(args);
        } catch (VirtualMachineError e) {
            return internalError(commandLine.getErr(), e, java.util.Arrays.asList(args).contains("--debug"));
        }
    }

    private static int handleExecutionException(
            Exception exception, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        boolean debug = debug(parseResult);
        if (exception instanceof UsageException) {
            err.println("witbox: " + exception.getMessage());
            trace(err, exception, debug);
            return ExitStatus.USAGE;
        }
        if (exception instanceof WitboxException) {
            err.println(exception.getMessage());
            trace(err, exception, debug);
            return ExitStatus.REFUSED;
        }
        return internalError(err, exception, debug);
    }

    private static int internalError(PrintWriter err, Throwable error, boolean debug) {
        err.println("witbox: internal error (a bug in witbox, please report it): " + error
                + (debug ? "" : " (--debug shows the stack trace)"));
        trace(err, error, debug);
        return ExitStatus.INTERNAL_ERROR;
    }

    private static void trace(PrintWriter err, Throwable error, boolean debug) {
        if (debug) {
            error.printStackTrace(err);
        }
        err.flush();
    }

    /** Whether {@code --debug} was given, to the root command or any subcommand (the option is inherited). */
    private static boolean debug(CommandLine.ParseResult parseResult) {
        for (CommandLine.ParseResult r = parseResult; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }
}
