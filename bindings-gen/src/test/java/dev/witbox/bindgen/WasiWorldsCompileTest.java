package dev.witbox.bindgen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witbox.wit.Resolve;
import dev.witbox.wit.Wit;
import dev.witbox.wit.WitOptions;
import dev.witbox.wit.World;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compile-only corpus: the WASI 0.2 WIT witbox's WASI host states
 * ({@code engine/src/main/resources/wasi/0.2/*.wit}, whatever files the folder holds) run through the
 * generator, every world of every package, and the output compiles with {@code -Xlint:all -Werror}.
 * A large real API is the best test of the naming rules: it has types and functions named alike in
 * many interfaces and packages.
 */
class WasiWorldsCompileTest {

    static final Path WASI_WIT = Path.of("../engine/src/main/resources/wasi/0.2");

    @TempDir
    Path tmp;

    /** Every file in the folder, joined, as the engine's {@code WasiWit} reads them: each file is one package block. */
    static Resolve wasi() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(WASI_WIT)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".wit")).sorted().collect(Collectors.toList());
        }
        assertThat(files).as("WASI WIT files under %s", WASI_WIT.toAbsolutePath()).isNotEmpty();
        StringBuilder text = new StringBuilder();
        for (Path f : files) {
            text.append(Files.readString(f)).append('\n');
        }
        return Wit.parse("wasi-0.2.wit", text.toString(), WitOptions.defaults());
    }

    @Test
    void theWorldsOfTheWasiCliPackageAreInTheCorpus() throws IOException {
        assertThat(wasi().worlds().stream().map(World::qualifiedName))
                .contains("wasi:cli/imports@0.2.12", "wasi:cli/command@0.2.12");
    }

    @TestFactory
    Stream<DynamicTest> everyWasiWorldGeneratesCodeThatCompiles() throws IOException {
        Resolve resolve = wasi();
        return resolve.worlds().stream().map(w -> DynamicTest.dynamicTest(w.qualifiedName(), () -> {
            String javaPackage = ("wasi." + w.pkg().name().name() + "." + w.name()).replace('-', '_');
            var files = new BindingsGenerator(new BindingsGenerator.Options(w.qualifiedName(), javaPackage))
                    .generate(resolve);
            assertThat(files).as("sources for %s", w.qualifiedName()).isNotEmpty();
            Compiler.assertCompiles(files, tmp.resolve(javaPackage));
        }));
    }
}
