package dev.witbox.bindgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.palantir.javapoet.JavaFile;
import dev.witbox.wit.Wit;
import dev.witbox.wit.WitOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BindingsGeneratorTest {

    private static List<JavaFile> generate(String wit, BindingsGenerator.Options options) {
        return new BindingsGenerator(options).generate(Wit.parse("t.wit", wit, options.witOptions()));
    }

    @Test
    void asyncFunctionsAreRefusedByName() {
        String wit = "package t:a;\nworld w { export f: async func(); }\n";
        assertThatThrownBy(() -> generate(wit, new BindingsGenerator.Options(null, "t.a")))
                .isInstanceOf(BindingsException.class).hasMessageContaining("'f' is async");
    }

    @Test
    void streamsAndFuturesAreRefusedWithWhere() {
        String wit = "package t:a;\nworld w { export f: func(x: stream<u8>); }\n";
        assertThatThrownBy(() -> generate(wit, new BindingsGenerator.Options(null, "t.a")))
                .isInstanceOf(BindingsException.class).hasMessageContaining("parameter 'x' of f")
                .hasMessageContaining("'stream'");
    }

    @Test
    void invalidJavaPackageIsRefused() {
        assertThatThrownBy(() -> new BindingsGenerator.Options(null, "com.class.x"))
                .isInstanceOf(BindingsException.class).hasMessageContaining("not a valid Java package");
    }

    @Test
    void featuresSelectUnstableItems() {
        String wit = "package t:a;\nworld w {\n  @unstable(feature = x)\n  export f: func();\n  export g: func();\n}\n";
        var off = generate(wit, new BindingsGenerator.Options(null, "t.a")).get(0).toString();
        var on = generate(wit, new BindingsGenerator.Options(null, "t.a").withFeatures(Set.of("x")))
                .get(0).toString();
        assertThat(off).doesNotContain("void f()").contains("void g()");
        assertThat(on).contains("void f()").contains("Unstable: WIT feature {@code x}.");
        assertThat(new BindingsGenerator.Options(null, "t.a", Set.of(), true).witOptions().isEnabled("x")).isTrue();
    }

    @Test
    void outputIsDeterministicAndWrittenInPackageFolders(@TempDir Path dir) throws Exception {
        Path wit = Path.of("src/test/resources/golden/worlds/world.wit");
        var gen = new BindingsGenerator(new BindingsGenerator.Options(null, "com.example.app"));
        assertThat(gen.generate(wit).toString()).isEqualTo(gen.generate(wit).toString());
        List<Path> written = gen.writeTo(Wit.load(wit, WitOptions.defaults()), dir);
        assertThat(written).contains(dir.resolve("com/example/app/Store.java"));
        assertThat(Files.readString(dir.resolve("com/example/app/Store.java"))).contains("public interface Store");
    }
}
