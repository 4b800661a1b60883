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

    @Test
    void emptyRecordBecomesAJavaRecordWithoutComponents(@TempDir Path dir) {
        // wit-parser accepts `record r {}` (generators of other projects emit them)
        String wit = "package t:a;\ninterface i {\n  record nothing {}\n  make: func() -> nothing;\n"
                + "  take: func(n: nothing, x: u8);\n}\nworld w { export i; }\n";
        List<JavaFile> files = generate(wit, new BindingsGenerator.Options(null, "t.a"));
        assertThat(files.toString()).contains("record Nothing()");
        Compiler.assertCompiles(files, dir);
    }

    @Test
    void emptyWorldGetsAnInterfaceSayingSo(@TempDir Path dir) {
        List<JavaFile> files = generate("package t:a;\nworld quiet {}\n", new BindingsGenerator.Options(null, "t.a"));
        assertThat(files).isNotEmpty();
        assertThat(files.get(0).toString()).contains("public interface Quiet")
                .contains("imports nothing and exports nothing");
        Compiler.assertCompiles(files, dir);
    }

    @Test
    void worldWhoseItemsAreAllUnstableSaysWhichFeaturesWouldBringThem(@TempDir Path dir) {
        String wit = "package t:a@1.0.0;\ninterface i { f: func(); }\nworld w {\n  @unstable(feature = preview)\n"
                + "  import i;\n  @unstable(feature = preview)\n  export g: func();\n}\n";
        List<JavaFile> off = generate(wit, new BindingsGenerator.Options(null, "t.a"));
        assertThat(off).isNotEmpty();
        assertThat(off.get(0).toString()).contains("public interface W").contains("@unstable")
                .contains("--features");
        Compiler.assertCompiles(off, dir);
        List<JavaFile> on = generate(wit, new BindingsGenerator.Options(null, "t.a").withFeatures(Set.of("preview")));
        assertThat(on.toString()).contains("void g()");
    }

    @Test
    void flagsBeyondThirtyTwoAreRefusedNamingTheLimit() {
        StringBuilder sb = new StringBuilder("package t:a;\ninterface i {\n  flags many {");
        for (int i = 0; i < 33; i++) {
            sb.append(" b").append(i).append(',');
        }
        String wit = sb.append(" }\n  f: func(m: many);\n}\nworld w { export i; }\n").toString();
        assertThatThrownBy(() -> generate(wit, new BindingsGenerator.Options(null, "t.a")))
                .isInstanceOf(BindingsException.class).hasMessageContaining("'many'").hasMessageContaining("33 flags")
                .hasMessageContaining("at most 32");
    }

    @Test
    void flagsWithoutMembersAreRefusedNamingTheRule() {
        String wit = "package t:a;\ninterface i {\n  flags none {}\n  f: func(m: none);\n}\nworld w { export i; }\n";
        assertThatThrownBy(() -> generate(wit, new BindingsGenerator.Options(null, "t.a")))
                .isInstanceOf(BindingsException.class).hasMessageContaining("'none'").hasMessageContaining("at least 1");
    }
}
