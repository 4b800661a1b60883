package dev.witbox.bindgen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witbox.wit.Resolve;
import dev.witbox.wit.Wit;
import dev.witbox.wit.World;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** The worlds of the test guests ({@code tests/guests/}*{@code /world.wit}) generate code that compiles. */
class GuestWorldsCompileTest {

    static final Path GUESTS = Path.of("../tests/guests");

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> guestWorldsCompile() throws IOException {
        List<Path> worlds;
        try (Stream<Path> s = Files.list(GUESTS)) {
            worlds = s.map(d -> d.resolve("world.wit")).filter(Files::isRegularFile).sorted()
                    .collect(Collectors.toList());
        }
        assertThat(worlds).as("guest worlds under %s", GUESTS.toAbsolutePath()).isNotEmpty();
        return worlds.stream().map(w -> {
            String guest = w.getParent().getFileName().toString();
            return DynamicTest.dynamicTest(guest, () -> {
                var options = new BindingsGenerator.Options(null, "guests." + guest.replace('-', '_'));
                Resolve resolve = Wit.load(w, options.witOptions());
                World world = resolve.selectWorld(null);
                var files = new BindingsGenerator(options).generate(resolve);
                if (world.imports().isEmpty() && world.exports().isEmpty()) {
                    // e.g. a WASI command whose only export the adapter adds: nothing to bind
                    assertThat(files).as("sources for the empty world of %s", guest).isEmpty();
                    return;
                }
                Compiler.assertCompiles(files, tmp.resolve(guest));
            });
        });
    }
}
