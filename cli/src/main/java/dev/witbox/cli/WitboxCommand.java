package dev.witbox.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code witbox} command line: the entry point of {@code cli/target/witbox.jar}.
 *
 * <p>Every subcommand shares one exit-status contract, so that scripts can rely on it:
 * {@value ExitStatus#OK} on success, {@value ExitStatus#REFUSED} when the input was refused (or,
 * later, a guest trapped), {@value ExitStatus#USAGE} for a usage error. Any other status is a bug
 * in witbox.
 */
@Command(
        name = "witbox",
        mixinStandardHelpOptions = true,
        versionProvider = WitboxVersion.class,
        description = "Run and inspect WebAssembly components as JVM plugins.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:success",
            "1:the input was refused (explained on stderr)",
            "2:usage error",
            "70:internal error (a bug in witbox)",
            "(`witbox run` exits with the program's own status, 134 when it trapped)"
        },
        subcommands = {WitCommand.class, InspectCommand.class, CallCommand.class, RunCommand.class, BindgenCommand.class,
                CommandLine.HelpCommand.class})
public final class WitboxCommand {

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "print the stack trace of any error (for reporting a bug in witbox)")
    private boolean debug;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line with the process's own standard streams; returns the exit status. */
    public static int run(String... args) {
        return Cli.execute(Cli.create(), args);
    }
}
