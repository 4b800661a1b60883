package dev.witbox.cli;

import dev.witbox.api.WitboxException;
import dev.witbox.bindgen.BindingsException;
import dev.witbox.bindgen.BindingsGenerator;
import dev.witbox.wit.Resolve;
import dev.witbox.wit.Wit;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code witbox bindgen}: generates the typed Java bindings of a WIT world, as the Maven plugin does. */
@Command(
        name = "bindgen",
        mixinStandardHelpOptions = true,
        description = {
            "Generate Java sources for a WIT world: an interface per imported or exported WIT interface,"
                    + " with the Java types of the WIT types they use.",
            "Prints the path of every file written. Files an earlier run generated from the same world into the"
                    + " same folders, which this run no longer generates, are deleted (each is named on standard error)."
        })
final class BindgenCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--wit", required = true, paramLabel = "PATH",
            description = "a .wit file, or a WIT package folder with its dependencies in PATH/deps/")
    private Path wit;

    @Option(names = "--world", paramLabel = "NAME",
            description = "the world to generate: a name in the package, or ns:pkg/world@version;"
                    + " may be left out when the package has exactly one world")
    private String world;

    @Option(names = "--package", required = true, paramLabel = "JAVA_PKG",
            description = "the Java package of the generated types")
    private String javaPackage;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "the source folder to write into (package folders are created below it)")
    private Path out;

    @Mixin
    private WitFeatures features;

    @Override
    public Integer call() {
        if (!Files.exists(wit)) {
            throw new UsageException("no such file or folder: " + wit);
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new UsageException("--out " + out + " is not a folder");
        }
        BindingsGenerator.Options options;
        try {
            options = new BindingsGenerator.Options(world, javaPackage, new LinkedHashSet<>(features.features()),
                    features.allFeatures());
        } catch (BindingsException e) {
            throw new UsageException("--package: " + e.getMessage());
        }
        BindingsGenerator generator = new BindingsGenerator(options);
        Resolve resolve = Wit.load(wit, options.witOptions());
        List<Path> written;
        try {
            written = generator.writeTo(resolve, out);
        } catch (UncheckedIOException e) {
            throw new WitboxException(e.getMessage() + ": " + e.getCause());
        }
        PrintWriter stdout = spec.commandLine().getOut();
        written.forEach(stdout::println);
        stdout.flush();
        PrintWriter stderr = spec.commandLine().getErr();
        for (Path stale : StaleBindings.remove(written)) {
            stderr.println("removed " + stale + " (no longer generated)");
        }
        stderr.flush();
        return ExitStatus.OK;
    }
}
