package dev.witbox.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The goal's configuration and error reporting, run in-process ({@link GenerateMojoIT} runs it in real builds). */
class GenerateMojoTest {

    @TempDir
    Path dir;

    private final List<String> infos = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private final GenerateMojo mojo = new GenerateMojo();

    @BeforeEach
    void configured() {
        mojo.witDirectory = dir.resolve("src/main/wit").toFile();
        mojo.outputDirectory = dir.resolve("target/generated-sources/witbox").toFile();
        mojo.javaPackage = "com.example.app";
        mojo.project = new MavenProject();
        mojo.setLog(new SystemStreamLog() {
            @Override
            public void info(CharSequence content) {
                infos.add(content.toString());
            }

            @Override
            public void error(CharSequence content) {
                errors.add(content.toString());
            }
        });
    }

    private void wit(String text) throws IOException {
        Files.createDirectories(mojo.witDirectory.toPath());
        Files.writeString(mojo.witDirectory.toPath().resolve("world.wit"), text);
    }

    @Test
    void generatesAddsTheSourceRootAndIsUpToDateTheSecondTime() throws Exception {
        wit("package demo:app;\nworld app { export greet: func(name: string) -> string; }\n");

        mojo.execute();
        mojo.execute();

        assertThat(mojo.outputDirectory.toPath().resolve("com/example/app/App.java")).isRegularFile();
        assertThat(mojo.project.getCompileSourceRoots()).containsExactly(mojo.outputDirectory.getPath());
        assertThat(infos.get(0)).startsWith("witbox generated ");
        assertThat(infos.get(1)).startsWith("witbox bindings are up to date (");
        assertThat(errors).isEmpty();
    }

    @Test
    void theWorldAndFeaturesAreOptions() throws Exception {
        wit("""
                package demo:app;
                world small { export a: func(); }
                world big {
                  export a: func();
                  @unstable(feature = extra)
                  export b: func();
                }
                """);
        mojo.world = "big";
        mojo.features = List.of("extra");

        mojo.execute();

        assertThat(Files.readString(mojo.outputDirectory.toPath().resolve("com/example/app/Big.java")))
                .contains("void a();").contains("void b();");
    }

    @Test
    void eachWitErrorIsLoggedWithFileLineAndColumnAndFailsTheBuild() throws IOException {
        wit("package demo:app;\nworld app {\n  export f: func(a: strng);\n  export g: func(b: bool) -> boool;\n}\n");
        Path file = mojo.witDirectory.toPath().resolve("world.wit");

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageStartingWith(file + ":3:21: error: unknown type 'strng'")
                .hasMessageEndingWith(" (and 1 more WIT error, logged above)");
        assertThat(errors).hasSize(2);
        assertThat(errors.get(0)).startsWith(file + ":3:21: error: unknown type 'strng'");
        assertThat(errors.get(1)).startsWith(file + ":4:30: error: unknown type 'boool'");
        assertThat(mojo.project.getCompileSourceRoots()).isEmpty();
    }

    @Test
    void aWorldTheGeneratorCannotExpressFailsNamingTheFunction() throws IOException {
        wit("package demo:app;\nworld app { export later: async func(); }\n");

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("cannot generate Java for the WIT in " + mojo.witDirectory)
                .hasMessageContaining("'later' is async");
    }

    @Test
    void badConfigurationIsExplained() throws IOException {
        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessage("no WIT package folder at " + mojo.witDirectory + ": create it with the world's .wit"
                        + " files, or point <witDirectory> at the folder that holds them");

        wit("package demo:app;\nworld app { export a: func(); }\n");
        mojo.javaPackage = "com.example.class";
        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageStartingWith("<javaPackage>: 'com.example.class' is not a valid Java package name");

        mojo.javaPackage = "com.example.app";
        mojo.world = "nope";
        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("no world 'nope' in package 'demo:app'");
    }

    @Test
    void skipDoesNothing() throws Exception {
        wit("package demo:app;\nworld app { export a: func(); }\n");
        mojo.skip = true;

        mojo.execute();

        assertThat(mojo.outputDirectory).doesNotExist();
        assertThat(mojo.project.getCompileSourceRoots()).isEmpty();
    }
}
