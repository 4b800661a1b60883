package dev.witbox.wit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WitLoadTest {

    @TempDir
    Path dir;

    private void write(String rel, String content) throws Exception {
        Path p = dir.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    @Test
    void folderWithDeps() throws Exception {
        write("types.wit", "interface types { use wasi:clocks/wall-clock@0.2.0.{datetime}; record stat { mtime: datetime } }");
        write("world.wit", "package local:demo;\nworld my-world { import host; export another; }");
        write("host.wit", "interface host { use types.{stat}; stat-file: func(path: string) -> result<stat>; }\n"
                + "interface another { f: func(); }");
        write("deps/my-dependency.wit", "package my:dep; interface x { use wasi:clocks/wall-clock@0.2.0.{datetime}; }");
        write("deps/wasi-clocks/wall-clock.wit", "package wasi:clocks@0.2.0;\ninterface wall-clock { record datetime { s: u64 } }");
        write("deps/wasi-clocks/world.wit", "world imports { import wall-clock; }");
        write("deps/wasi-clocks/deps/ignored.wit", "this is not parsed");
        write("deps/notes.txt", "not wit");
        Resolve r = Wit.load(dir, WitOptions.defaults());
        assertThat(r.root().name().toString()).isEqualTo("local:demo");
        assertThat(r.packages()).extracting(p -> p.name().toString())
                .containsExactly("wasi:clocks@0.2.0", "my:dep", "local:demo");
        assertThat(r.root().interfaces()).extracting(Interface::name).containsExactly("host", "another", "types");
        assertThat(r.root().worldNamed("my-world").imports()).extracting(WorldItem::externName)
                .containsExactly("wasi:clocks/wall-clock@0.2.0", "local:demo/types", "local:demo/host");
        WitTestSupport.roundTrip(r, WitOptions.defaults());
        TypeDef dt = r.pkg("wasi:clocks@0.2.0").interfaceNamed("wall-clock").type("datetime");
        assertThat(r.root().interfaceNamed("types").type("datetime")).isSameAs(dt);
    }

    @Test
    void missingDependencyIsReported() throws Exception {
        write("a.wit", "package local:demo;\ninterface i { use wasi:io/streams@0.2.0.{input-stream}; }");
        write("deps/other.wit", "package wasi:io@0.1.0; interface streams {}");
        WitException e = catchThrowableOfType(WitException.class, () -> Wit.load(dir, WitOptions.defaults()));
        assertThat(e.diagnostics().get(0).message()).startsWith("package 'wasi:io@0.2.0' not found; looked in")
                .contains("known: wasi:io@0.1.0");
        assertThat(e.diagnostics().get(0).line()).isEqualTo(2);
    }

    @Test
    void aPackageIsDefinedOnceEvenWithTheSameContents() throws Exception {
        // wit-parser: "package `x:y` is defined in two different locations"
        write("a.wit", "package local:demo;\ninterface i { use x:y/j.{t}; }");
        write("deps/one.wit", "package x:y; interface j { type t = u8; }");
        write("deps/two.wit", "package x:y;\n\n// same, different layout\ninterface j {\n  type t = u8;\n}\n");
        WitException e = catchThrowableOfType(WitException.class, () -> Wit.load(dir, WitOptions.defaults()));
        assertThat(e.getMessage()).contains("defined more than once");
        assertThat(e.diagnostics().get(0).file()).endsWith("two.wit");
    }

    @Test
    void filesMustAgreeOnPackage() throws Exception {
        write("a.wit", "package a:b;");
        write("b.wit", "package a:c;");
        assertThat(catchThrowableOfType(WitException.class, () -> Wit.load(dir, WitOptions.defaults())).getMessage())
                .contains("does not match");
    }

    @Test
    void packageCycleIsReported() throws Exception {
        write("a.wit", "package a:a; interface i { use b:b/j.{t}; type u = u8; }");
        write("deps/b.wit", "package b:b; interface j { use a:a/i.{u}; type t = u8; }");
        assertThat(catchThrowableOfType(WitException.class, () -> Wit.load(dir, WitOptions.defaults())).getMessage())
                .contains("depends on itself");
    }

    @Test
    void aBinaryWitPackageIsAnInputOfItsOwn() {
        // written by wit-component through jco (tests/guests/wit-binary-deps.sh); wit-parser reads it alike
        Path wasm = WitCorpusTest.corpusRoot().resolve("valid/deps-binary-world-package/input/deps/lib.wasm");
        Resolve r = Wit.load(wasm, WitOptions.defaults());
        assertThat(r.root().name().toString()).isEqualTo("ex:lib@1.0.0");
        assertThat(r.root().worldNamed("base").imports()).extracting(WorldItem::externName)
                .containsExactly("ex:lib/logging@1.0.0", "now");
        assertThat(r.root().interfaceNamed("logging").functions()).extracting(Function::name).containsExactly("log");
    }

    @Test
    void aWatPackageIsRefusedNamingTheFileAndTheConversion() throws Exception {
        write("a.wit", "package local:demo;\nworld w { import x:y/j; }");
        write("deps/lib.wat", "(component)");
        WitException e = catchThrowableOfType(WitException.class, () -> Wit.load(dir, WitOptions.defaults()));
        assertThat(e.diagnostics().get(0).file()).endsWith("lib.wat");
        assertThat(e.getMessage()).contains("wasm-tools parse lib.wat -o lib.wasm").contains("jco");
    }

    @Test
    void aWasmThatIsNoWitPackageIsRefusedNamingTheFile() throws Exception {
        write("a.wit", "package local:demo;\nworld w { import x:y/j; }");
        Files.createDirectories(dir.resolve("deps"));
        Files.write(dir.resolve("deps/core.wasm"), new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
        WitException e = catchThrowableOfType(WitException.class, () -> Wit.load(dir, WitOptions.defaults()));
        assertThat(e.diagnostics().get(0).file()).endsWith("core.wasm");
        assertThat(e.getMessage()).contains("not a binary WIT package");
    }
}
