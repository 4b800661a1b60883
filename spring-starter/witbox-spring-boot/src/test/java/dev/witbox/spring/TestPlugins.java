package dev.witbox.spring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The real guest plugins of tests/guests/out (copied to the test classpath under guests/) and a context runner. */
final class TestPlugins {

    /** A compile cache of the tests' own, created owner-only by the engine. */
    static final Path CACHE = Path.of("target", "witbox-test-cache").toAbsolutePath();

    private TestPlugins() {}

    /** The auto-configuration alone, the cache in target/, plugins found in classpath:/plugins/ (add-greet). */
    static ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(WitboxAutoConfiguration.class))
                .withPropertyValues("witbox.compile-cache.directory=" + CACHE,
                        "witbox.plugins.locations=classpath:/plugins/");
    }

    /** A guest's file, e.g. {@code add-greet.wasm}, {@code imports/catalog.wasm}, {@code wasi/wasi-probe.wasm}. */
    static Path guest(String name) {
        try {
            return Path.of(TestPlugins.class.getResource("/guests/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies guest {@code name} to {@code dir/as}. */
    static Path copy(String name, Path dir, String as) {
        try {
            Files.createDirectories(dir);
            Path to = dir.resolve(as);
            Path tmp = dir.resolve(as + ".tmp");
            Files.copy(guest(name), tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
