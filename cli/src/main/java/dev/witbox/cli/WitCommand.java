package dev.witbox.cli;

import dev.witbox.wit.Resolve;
import dev.witbox.wit.Wit;
import dev.witbox.wit.WitPrinter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code witbox wit PATH}: resolves WIT and prints it back as canonical WIT. */
@Command(
        name = "wit",
        mixinStandardHelpOptions = true,
        description = {
            "Parse and resolve WIT, then print the resolved package(s) as canonical WIT.",
            "PATH is a .wit file, or a package folder whose *.wit files form one package,"
                    + " with its dependencies in PATH/deps/ (each a .wit file or a folder)."
        })
final class WitCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PATH", description = "a .wit file or a WIT package folder")
    private Path path;

    @Mixin
    private WitFeatures features;

    @Override
    public Integer call() {
        if (!Files.exists(path)) {
            throw new UsageException("no such file or folder: " + path);
        }
        Resolve resolve = Wit.load(path, features.witOptions());
        spec.commandLine().getOut().print(WitPrinter.print(resolve));
        spec.commandLine().getOut().flush();
        return ExitStatus.OK;
    }
}
