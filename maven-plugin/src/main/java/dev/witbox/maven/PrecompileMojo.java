package dev.witbox.maven;

import dev.witbox.api.WitboxException;
import dev.witbox.runtime.BuildTimeCompiler;
import dev.witbox.runtime.WitboxEngine;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Compiles plugins' core modules at build time into the application's classes (see the project README,
 * "Compiling plugins at build time"), so that {@code WitboxEngine} loads them without compiling: each module's
 * classes go to {@code META-INF/witbox/compiled/} in the output directory, and so into the jar.
 *
 * <p>Runs in {@code process-classes}, after the resources (the plugins an application packs) are in
 * {@code target/classes}. Incremental: a module whose entry is already there is not compiled again.
 */
@Mojo(name = "precompile", defaultPhase = LifecyclePhase.PROCESS_CLASSES, threadSafe = true)
public class PrecompileMojo extends AbstractMojo {

    /**
     * The plugins to compile: {@code .wasm} files, or folders searched for them. Each must load (a listed one
     * that does not fails the build). When left out, every {@code .wasm} file under {@link #outputDirectory} is
     * compiled, and one that is not a witbox plugin (a WASI command, a bare core module) is skipped with a
     * warning.
     */
    @Parameter(property = "witbox.plugins")
    List<File> plugins;

    /**
     * The call-depth limit of the engine that will load the plugins ({@code WitboxEngine.Builder.maxCallDepth}):
     * the modules are compiled after the rewrite that enforces it, so an engine with another limit finds no
     * classes for them and compiles them itself.
     */
    @Parameter(property = "witbox.maxCallDepth", defaultValue = "" + WitboxEngine.DEFAULT_MAX_CALL_DEPTH)
    int maxCallDepth;

    /** The classes folder that becomes the jar's content. */
    @Parameter(property = "witbox.precompile.outputDirectory", defaultValue = "${project.build.outputDirectory}",
            required = true)
    File outputDirectory;

    /** Skips the compilation. */
    @Parameter(property = "witbox.precompile.skip", defaultValue = "false")
    boolean skip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("witbox precompile skipped");
            return;
        }
        if (maxCallDepth < 0) {
            throw new MojoFailureException("<maxCallDepth> must be 0 (no limit) or more, as for"
                    + " WitboxEngine.Builder.maxCallDepth: " + maxCallDepth);
        }
        boolean listed = plugins != null && !plugins.isEmpty();
        List<Path> files = new ArrayList<>();
        try {
            for (File root : listed ? plugins : List.of(outputDirectory)) {
                files.addAll(wasmFiles(root.toPath(), listed));
            }
        } catch (IOException | UncheckedIOException e) {
            throw new MojoExecutionException("cannot list the plugins to precompile: " + e, e);
        }
        int entries = 0;
        for (Path file : files) {
            String id = file.getFileName().toString().replaceFirst("\\.wasm$", "");
            try {
                List<Path> written = BuildTimeCompiler.compile(id, Files.readAllBytes(file), maxCallDepth,
                        outputDirectory.toPath());
                entries += written.size();
                getLog().debug("witbox precompiled " + file + " into " + written);
            } catch (WitboxException e) {
                if (listed) {
                    throw new MojoFailureException("cannot precompile " + file + ": " + e.getMessage(), e);
                }
                getLog().warn("witbox precompile: skipping " + file + ", which does not load as a plugin: "
                        + e.getMessage());
            } catch (IOException | UncheckedIOException e) {
                throw new MojoExecutionException("cannot precompile " + file + ": " + e, e);
            }
        }
        getLog().info("witbox precompiled " + files.size() + " plugin file(s) into " + entries + " core module entries"
                + " under " + outputDirectory.toPath().resolve("META-INF/witbox/compiled"));
    }

    private static List<Path> wasmFiles(Path root, boolean mustExist) throws IOException, MojoFailureException {
        if (Files.isRegularFile(root)) {
            return List.of(root);
        }
        if (!Files.isDirectory(root)) {
            if (mustExist) {
                throw new MojoFailureException("no plugin file or folder at " + root + " (see <plugins>)");
            }
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(".wasm") && Files.isRegularFile(p))
                    .sorted().toList();
        }
    }
}
