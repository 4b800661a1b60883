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
        return worlds.stream().flatMap(w -> {
            String guest = w.getParent().getFileName().toString();
            // every world of the guest's package (maps has two: with and without its host import)
            List<String> names = Wit.load(w, new BindingsGenerator.Options(null, "guests").witOptions()).root()
                    .worlds().stream().map(World::name).collect(Collectors.toList());
            return names.stream().map(name -> {
                String label = names.size() == 1 ? guest : guest + "/" + name;
                return DynamicTest.dynamicTest(label, () -> compiles(w, names.size() == 1 ? null : name,
                        label.replace('-', '_').replace('/', '.')));
            });
        });
    }

    private void compiles(Path wit, String worldName, String label) throws IOException {
        var options = new BindingsGenerator.Options(worldName, "guests." + label);
        Resolve resolve = Wit.load(wit, options.witOptions());
        World world = resolve.selectWorld(worldName);
        var files = new BindingsGenerator(options).generate(resolve);
        if (world.imports().isEmpty() && world.exports().isEmpty()) {
            // e.g. a WASI command whose only export the adapter adds: an interface without methods saying so
            assertThat(files.get(0).toString()).as("the interface of the empty world of %s", label)
                    .contains("imports nothing and exports nothing");
        }
        Compiler.assertCompiles(files, tmp.resolve(label));
    }
}
