package dev.witbox.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witbox.api.value.WitValue;
import dev.witbox.runtime.PluginInstance;
import dev.witbox.runtime.WitboxEngine;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code precompile} goal, run in-process on the project's real guests. */
class PrecompileMojoTest {

    private static final Path GUESTS = Path.of("../tests/guests/out");

    @TempDir
    Path classes;

    private final List<String> warnings = new ArrayList<>();
    private final PrecompileMojo mojo = new PrecompileMojo();

    @BeforeEach
    void configured() {
        mojo.outputDirectory = classes.toFile();
        mojo.maxCallDepth = WitboxEngine.DEFAULT_MAX_CALL_DEPTH;
        mojo.setLog(new SystemStreamLog() {
            @Override
            public void warn(CharSequence content) {
                warnings.add(content.toString());
            }
        });
    }

    @Test
    void thePluginsPackedInTheClassesAreCompiledThereAndLoadWithoutCompiling() throws Exception {
        Path packed = Files.createDirectories(classes.resolve("plugins"));
        Files.copy(GUESTS.resolve("add-greet.wasm"), packed.resolve("add-greet.wasm"));
        Files.copy(GUESTS.resolve("add-greet.core.wasm"), packed.resolve("bare.wasm")); // no WIT world: not a plugin

        mojo.execute();

        assertThat(entries()).isNotEmpty();
        assertThat(warnings).singleElement().asString().contains("bare.wasm").contains("skipping");
        try (URLClassLoader jar = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null)) {
            WitboxEngine engine = WitboxEngine.builder().buildTimeClasses(jar).build();
            try (PluginInstance instance = engine.load(packed.resolve("add-greet.wasm")).instantiate()) {
                assertThat(instance.call("greet", new WitValue.Str("maven"))).isEqualTo(new WitValue.Str("Hello, maven!"));
            }
            assertThat(engine.compileStats().compiled()).isZero();
            assertThat(engine.compileStats().fromBuildTime()).isEqualTo(entries().size());
        }
    }

    @Test
    void aSecondRunRewritesNoEntry() throws Exception {
        mojo.plugins = List.of(GUESTS.resolve("add-greet.wasm").toFile());
        mojo.execute();
        for (Path entry : entries()) {
            Files.setLastModifiedTime(entry, FileTime.fromMillis(0));
        }
        mojo.execute();
        assertThat(entries()).isNotEmpty()
                .allSatisfy(e -> assertThat(Files.getLastModifiedTime(e)).isEqualTo(FileTime.fromMillis(0)));
    }

    @Test
    void aListedFileThatIsNotAPluginFailsTheBuildNamingIt() {
        mojo.plugins = List.of(GUESTS.resolve("add-greet.core.wasm").toFile());
        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("add-greet.core.wasm");
    }

    @Test
    void aListedPathThatDoesNotExistFailsTheBuild() {
        mojo.plugins = List.of(new File(classes.toFile(), "missing.wasm"));
        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("missing.wasm");
    }

    @Test
    void aNegativeCallDepthLimitFailsTheBuildNamingTheParameter() {
        mojo.maxCallDepth = -1;
        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("<maxCallDepth>");
    }

    private List<Path> entries() throws Exception {
        Path dir = classes.resolve("META-INF/witbox/compiled");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }
}
