package dev.witbox.maven;

import dev.witbox.bindgen.BindingsException;
import dev.witbox.bindgen.BindingsGenerator;
import dev.witbox.wit.WitDiagnostic;
import dev.witbox.wit.WitException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Generates the typed Java bindings of a WIT world (see the project README, "WIT → Java") into a folder
 * of generated sources, and adds that folder to the project's compile source roots.
 *
 * <p>The generation is incremental: when the WIT files, this configuration and the generator are what
 * they were at the last run, nothing is written. WIT errors fail the build, each logged as an
 * {@code [ERROR]} line {@code file:line:col: error: ...} (with its source line and a caret), and the build's
 * failure is one line naming the first. Every failure is a one-line message naming the file and the fix
 * ({@code MavenErrorsTest} drives each way of being wrong).
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public class GenerateMojo extends AbstractMojo {

    // Maven sets the parameters by reflection; they are package-private so that tests can set them too.

    /** The WIT package folder: its {@code *.wit} files form one package, with its dependencies in {@code deps/}. */
    @Parameter(property = "witbox.witDirectory", defaultValue = "${project.basedir}/src/main/wit", required = true)
    File witDirectory;

    /**
     * The world to generate: a world of the package by its name, or {@code ns:pkg/world@version}. May be
     * left out when the package has exactly one world.
     */
    @Parameter(property = "witbox.world")
    String world;

    /** The Java package of every generated type. */
    @Parameter(property = "witbox.javaPackage", required = true)
    String javaPackage;

    /** The {@code @unstable} WIT features to enable; items gated on other features are not generated. */
    @Parameter(property = "witbox.features")
    List<String> features;

    /** Enables every {@code @unstable} WIT feature. */
    @Parameter(property = "witbox.allFeatures", defaultValue = "false")
    boolean allFeatures;

    /** Where the sources are written; it should hold nothing else, since stale generated files are deleted. */
    @Parameter(property = "witbox.outputDirectory",
            defaultValue = "${project.build.directory}/generated-sources/witbox", required = true)
    File outputDirectory;

    /**
     * Adds the output folder to the test sources instead of the main ones: bindings that only tests call
     * (a library testing itself against real plugins) stay out of its jar.
     */
    @Parameter(property = "witbox.testSources", defaultValue = "false")
    boolean testSources;

    /** Skips the generation (and does not add the output folder as a source root). */
    @Parameter(property = "witbox.skip", defaultValue = "false")
    boolean skip;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("witbox generation skipped");
            return;
        }
        if (witDirectory.isFile()) {
            throw new MojoFailureException(witDirectory + " is a file, not a WIT package folder: point <witDirectory>"
                    + " at the folder that holds the world's .wit files");
        }
        if (!witDirectory.isDirectory()) {
            throw new MojoFailureException("no WIT package folder at " + witDirectory + ": create it with the world's"
                    + " .wit files, or point <witDirectory> at the folder that holds them");
        }
        if (!hasWitFiles(witDirectory)) {
            throw new MojoFailureException(witDirectory + " has no .wit files: put the world's .wit files there, or"
                    + " point <witDirectory> at the folder that holds them");
        }
        if (outputDirectory.isFile()) {
            throw new MojoFailureException(outputDirectory + " is a file, not a folder: " + Failures.OUTPUT_FIX);
        }
        BindingsGenerator.Options options;
        try {
            options = new BindingsGenerator.Options(world, javaPackage,
                    features == null ? null : new LinkedHashSet<>(features), allFeatures);
        } catch (BindingsException e) {
            throw new MojoFailureException("<javaPackage>: " + e.getMessage(), e);
        }
        Generation.Result result;
        try {
            result = new Generation(witDirectory.toPath(), options, outputDirectory.toPath()).run();
        } catch (WitException e) {
            for (WitDiagnostic d : e.diagnostics()) {
                getLog().error(d.render());
            }
            // not chained: Maven would append the cause's message, every diagnostic with its source lines
            throw new MojoFailureException(Failures.summary(witDirectory.toPath(), e.diagnostics()));
        } catch (BindingsException e) {
            throw new MojoFailureException("cannot generate Java for the WIT in " + witDirectory + ": "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException(Failures.cannotWrite(outputDirectory.toPath(), e), e);
        } catch (UncheckedIOException e) {
            throw new MojoExecutionException(Failures.cannotWrite(outputDirectory.toPath(), e.getCause()), e);
        }
        if (result.upToDate()) {
            getLog().info("witbox bindings are up to date (" + result.files().size() + " files in " + outputDirectory
                    + ")");
        } else {
            getLog().info("witbox generated " + result.files().size() + " files in " + outputDirectory + " ("
                    + result.written() + " written, " + (result.files().size() - result.written()) + " unchanged, "
                    + result.removed() + " stale removed)");
        }
        if (testSources) {
            project.addTestCompileSourceRoot(outputDirectory.getPath());
        } else {
            project.addCompileSourceRoot(outputDirectory.getPath());
        }
    }

    private static boolean hasWitFiles(File folder) {
        File[] wit = folder.listFiles((dir, name) -> name.endsWith(".wit") && new File(dir, name).isFile());
        return wit != null && wit.length > 0;
    }
}
