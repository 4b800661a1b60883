package dev.witbox.bindgen;

import static org.assertj.core.api.Assertions.assertThat;

import com.palantir.javapoet.JavaFile;
import dev.witbox.api.WitInterface;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * Compiles generated sources in-process with {@code -Xlint:all -Werror}, against plugin-api (the
 * interfaces and types) and the engine's runtime (what the glue classes call).
 */
final class Compiler {

    private Compiler() {
    }

    static void assertCompiles(List<JavaFile> files, Path classesDir) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac).as("a JDK compiler").isNotNull();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            Files.createDirectories(classesDir);
            fm.setLocation(StandardLocation.CLASS_OUTPUT, List.of(classesDir.toFile()));
            fm.setLocation(StandardLocation.CLASS_PATH, List.of(codeSource(WitInterface.class),
                    codeSource(dev.witbox.runtime.Bindings.class)));
            List<JavaFileObject> sources = new ArrayList<>();
            for (JavaFile f : files) {
                sources.add(f.toJavaFileObject());
            }
            List<String> options = List.of("-Xlint:all", "-Werror", "-proc:none", "--release", "17");
            boolean ok = javac.getTask(null, fm, diagnostics, options, null, sources).call();
            String report = diagnostics.getDiagnostics().stream()
                    .map(d -> d.getKind() + " " + (d.getSource() == null ? "" : d.getSource().getName()) + ":"
                            + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
                    .collect(Collectors.joining("\n"));
            assertThat(ok).as("javac succeeded:\n%s", report).isTrue();
            assertThat(diagnostics.getDiagnostics().stream().filter(d -> d.getKind() != Diagnostic.Kind.NOTE))
                    .as("javac diagnostics:\n%s", report).isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static File codeSource(Class<?> type) {
        try {
            return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
