package dev.witbox.internal.chicory;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Build-time entries Chicory cannot use, on modules of a known shape (the real plugins: BuildTimeCompilerTest). */
class BuildTimeClassesTest {

    @TempDir
    Path classes;

    @Test
    void anIntactEntryWhoseClassesDoNotLoadIsIgnoredAndTheModuleCompiled() throws Exception {
        byte[] module = TinyModules.constant(7);
        BuildTimeClasses.in(classes).write(BuildTimeClasses.in(classes).key(CacheEntry.sha256Hex(module), 100),
                "classes that are not classes".getBytes(StandardCharsets.UTF_8));

        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null)) {
            CompiledCodeSources sources = CompiledCodeSources.of(BuildTimeClasses.on(loader), null);
            CoreModuleCode code = CoreModuleCode.compile("m", module, ExecutionMode.COMPILED, sources, 100);
            CoreFunc value = (CoreFunc) code.instantiate(List.of(), 1).export("value");
            assertThat(value.call(new long[0])[0]).isEqualTo(7);
            assertThat(sources.stats()).isEqualTo(new CompiledCodeSources.Stats(1, 0, 0, 1));
        }
    }

    @Test
    void theResourceNameIsTheHashOfTheFullKeyUnderOneDirectory() {
        String key = CompilerIdentity.moduleKey(CacheEntry.sha256Hex(TinyModules.constant(1)), 0, "witbox 0\nchicory 0\noptions");
        assertThat(key).startsWith("module sha-256 ").contains("\ncall-depth-limit none\n");
        assertThat(BuildTimeClasses.resourceName(key))
                .matches("META-INF/witbox/compiled/[0-9a-f]{64}\\.chicory");
        assertThat(CompilerIdentity.moduleKey(CacheEntry.sha256Hex(TinyModules.constant(1)), 2000, "witbox 0\nchicory 0\noptions"))
                .contains("\ncall-depth-limit 2000\n");
    }
}
