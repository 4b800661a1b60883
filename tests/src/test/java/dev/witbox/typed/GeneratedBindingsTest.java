package dev.witbox.typed;

import static org.assertj.core.api.Assertions.assertThat;

import com.palantir.javapoet.JavaFile;
import dev.witbox.bindgen.BindingsGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The typed bindings the round-trip tests of this package are written against are the generator's
 * output for the guests' worlds, checked in under {@code src/test/java/dev/witbox/typed/<name>/} (the
 * benchmarks' bindings are not checked in: witbox-maven-plugin generates them in that module's build): this
 * test regenerates them and requires them unchanged (the same contract as the generator's golden
 * tests). After a deliberate change to the generator, run it with {@code -Dbindgen.golden.update=true}
 * to rewrite them, and review the diff.
 */
class GeneratedBindingsTest {

    @ParameterizedTest(name = "{2} from {0}")
    @CsvSource({
        "../tests/guests/values/world.wit, values, dev.witbox.typed.values, src/test/java",
        "../tests/guests/resources/world.wit, resources, dev.witbox.typed.resources, src/test/java",
        "../tests/guests/add-greet/world.wit, add-greet, dev.witbox.typed.addgreet, src/test/java",
        "../tests/guests/catalog/world.wit, catalog-app, dev.witbox.typed.catalog, src/test/java",
        "../tests/guests/embed-iface/world.wit, embed-iface, dev.witbox.typed.embed, src/test/java",
        "../tests/guests/maps/world.wit, maps-app, dev.witbox.typed.maps, src/test/java",
        "../tests/guests/blobstore/world.wit, blobstore, dev.witbox.typed.blobstore, src/test/java",
        "src/test/resources/typed/add-greet-wider.wit, add-greet, dev.witbox.typed.wider, src/test/java",
        "src/test/resources/typed/catalog-other.wit, other-host, dev.witbox.typed.othercatalog, src/test/java",
    })
    void checkedInBindingsAreTheGeneratorsOutput(String wit, String world, String javaPackage, String root)
            throws IOException {
        Path sources = Path.of(root);
        var generator = new BindingsGenerator(new BindingsGenerator.Options(world, javaPackage));
        Map<String, String> generated = new TreeMap<>();
        for (JavaFile file : generator.generate(Path.of(wit))) {
            generated.put(file.packageName().replace('.', '/') + "/" + file.typeSpec().name() + ".java",
                    file.toString());
        }
        Path dir = sources.resolve(javaPackage.replace('.', '/'));
        if (Boolean.getBoolean("bindgen.golden.update")) {
            for (Map.Entry<String, String> e : generated.entrySet()) {
                Path target = sources.resolve(e.getKey());
                Files.createDirectories(target.getParent());
                Files.writeString(target, e.getValue(), StandardCharsets.UTF_8);
            }
        }
        assertThat(checkedIn(sources, dir)).as("checked-in bindings of %s", javaPackage).isEqualTo(generated);
    }

    private static Map<String, String> checkedIn(Path sources, Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        List<Path> paths;
        try (Stream<Path> s = Files.walk(dir)) {
            paths = s.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList());
        }
        for (Path p : paths) {
            files.put(sources.relativize(p).toString().replace('\\', '/'), Files.readString(p, StandardCharsets.UTF_8));
        }
        return files;
    }
}
