package dev.witbox.wit;

import static dev.witbox.wit.WitTestSupport.fail;
import static dev.witbox.wit.WitTestSupport.parse;
import static dev.witbox.wit.WitTestSupport.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class WitResolveTest {

    @Test
    void unknownTypeSuggests() {
        assertThat(fail("package a:b; interface i { greet: func(s: strng); }").diagnostics().get(0).message())
                .isEqualTo("unknown type 'strng' in function 'greet'; did you mean 'string'?");
        assertThat(fail("package a:b; interface i { record point { x: u32 } f: func(p: piont); }").getMessage())
                .contains("did you mean 'point'?");
    }

    @Test
    void cyclesAreRejectedWithPath() {
        assertThat(fail("package a:b; interface a { use b.{t}; type u = u8; } interface b { use c.{t}; }"
                + " interface c { use a.{u}; type t = u8; }").getMessage()).contains("interface 'a' uses itself through 'b' -> 'c'");
        assertThat(fail("package a:b; interface i { type foo = foo; }").getMessage()).contains("type 'foo' refers to itself");
        assertThat(fail("package a:b; interface i { record bar1 { a: bar2 } record bar2 { a: bar1 } }").getMessage())
                .contains("type 'bar1' refers to itself through 'bar2'");
        assertThat(fail("package a:b; world a { include b; } world b { include a; }").getMessage())
                .contains("world 'a' includes itself through 'b'");
        assertThat(fail("package a:b; interface a { use a.{t}; type t = u8; }").getMessage()).contains("uses itself");
    }

    @Test
    void resourcesMayReferToThemselves() {
        roundTrip("package a:b; interface i { resource r { clone: func() -> r; next: func() -> option<r>; } "
                + "record holder { r: r } }");
    }

    @Test
    void duplicatesAreRejected() {
        assertThat(fail("package a:b; interface types { record point { x: u32 } type point = u32; }").getMessage())
                .contains("duplicate type 'point' in interface 'types'");
        assertThat(fail("package a:b; interface i { f: func(); f: func(); }").getMessage()).contains("duplicate function 'f'");
        assertThat(fail("package a:b; interface i { f: func(); F: func(); }").getMessage()).contains("duplicate function 'F'");
        assertThat(fail("package a:b; interface i { record r { a: u8, a: u8 } }").getMessage()).contains("duplicate field 'a'");
        assertThat(fail("package a:b; interface i { f: func(x: u8, x: u8); }").getMessage()).contains("duplicate parameter 'x'");
        assertThat(fail("package a:b; interface i {} interface i {}").getMessage()).contains("duplicate interface 'i'");
        assertThat(fail("package a:b; interface i {} world i {}").getMessage()).contains("conflicts");
        assertThat(fail("package a:b; world w { import f: func(); import f: func(); }").getMessage()).contains("duplicate import 'f'");
        roundTrip("package a:b; world w { import f: func(); export f: func(); }");
        assertThat(fail("package a:b; interface i { resource r { m: func(self: u8); } }").getMessage()).contains("self");
        assertThat(fail("package a:b; interface i { resource r { constructor(); constructor(); } }").getMessage())
                .contains("more than one constructor");
    }

    @Test
    void severalErrorsAtOnce() {
        WitException e = fail("package a:b;\ninterface i {\n  f: func(x: nope);\n  g: func(y: nada);\n}\n");
        assertThat(e.diagnostics()).hasSize(2);
        assertThat(e.diagnostics()).extracting(WitDiagnostic::line).containsExactly(3, 4);
    }

    @Test
    void handleRules() {
        assertThat(fail("package a:b; interface i { record r { x: u8 } f: func(x: borrow<r>); }").getMessage())
                .contains("'r' is not a resource");
        assertThat(fail("package a:b; interface i { resource r; f: func() -> borrow<r>; }").getMessage())
                .contains("returns a borrowed handle");
        assertThat(fail("package a:b; interface i { resource r; type b = borrow<r>; record x { b: b } f: func() -> list<x>; }")
                .getMessage()).contains("returns a borrowed handle");
        assertThat(fail("package a:b; interface i { resource r; f: func() -> future<borrow<r>>; }").getMessage())
                .contains("future");
        assertThat(fail("package a:b; interface i { resource r { constructor() -> result<u32>; } }").getMessage())
                .contains("fallible constructor");
        assertThat(fail("package a:b; interface i { type m = map<f32, u8>; }").getMessage()).contains("map keys");
        roundTrip("package a:b; interface i { type k = string; type m = map<k, u8>; resource r; type r2 = r;"
                + " f: func(a: borrow<r2>, b: list<borrow<r>>) -> r2; }");
    }

    @Test
    void flagsOfAnyCountAreWitAsForWitParser() {
        // Binary.md allows 1 to 32 flags in a component; WIT itself (wit-parser) sets no bound
        StringBuilder sb = new StringBuilder("package a:b; interface i { flags f {");
        for (int i = 0; i < 33; i++) {
            sb.append(" x").append(i).append(',');
        }
        Resolve r = roundTrip(sb.append("} flags none {} }").toString());
        TypeDefKind.Flags f = (TypeDefKind.Flags) r.root().interfaceNamed("i").type("f").kind();
        assertThat(f.flags()).hasSize(33);
    }

    @Test
    void unstableFeaturesAreDroppedUnlessEnabled() {
        String src = """
                package a:b;
                @unstable(feature = not-active)
                interface gated {}
                @unstable(feature = active)
                interface ungated {
                  @unstable(feature = not-active)
                  gated: func();
                  @unstable(feature = active)
                  ungated: func();
                }
                """;
        Resolve off = parse(src);
        assertThat(off.root().interfaces()).isEmpty();
        Resolve some = parse(src, WitOptions.defaults().withFeatures(Set.of("active")));
        assertThat(some.root().interfaces()).extracting(Interface::name).containsExactly("ungated");
        assertThat(some.root().interfaces().get(0).functions()).extracting(Function::name).containsExactly("ungated");
        Resolve all = parse(src, WitOptions.defaults().withAllFeatures());
        assertThat(all.root().interfaces()).hasSize(2);
        WitTestSupport.roundTrip(all, WitOptions.defaults().withAllFeatures());
        WitTestSupport.roundTrip(some, WitOptions.defaults().withFeatures(Set.of("active")));
        assertThat(fail("package a:b; interface i { @unstable(feature = x) type g = u32; type foo = g; }").getMessage())
                .contains("feature 'x'");
        assertThat(fail("package a:b; @unstable(feature = x) world a {} world b { include a; }").getMessage())
                .contains("feature 'x'");
    }

    @Test
    void gateRules() {
        Resolve r = roundTrip("""
                package a:b@1.0.1;
                @since(version = 1.0.0)
                interface i {
                  @since(version = 1.0.0)
                  type t1 = u32;
                  @since(version = 1.0.1)
                  @deprecated(version = 1.0.1)
                  type t2 = t1;
                  @unstable(feature = f)
                  @deprecated(version = 1.0.0)
                  g: func();
                }
                """);
        TypeDef t2 = r.root().interfaceNamed("i").type("t2");
        assertThat(t2.stability()).isEqualTo(new Stability.Since(Version.parse("1.0.1"), Version.parse("1.0.1")));
        // as in wit-parser, gates of referrer and referee are not compared, and an item inside a gated
        // interface takes the interface's gate when it has none of its own
        roundTrip("package a:b@1.0.1; interface i { @since(version = 1.0.1) type t1 = u32; type t2 = t1; }");
        Resolve inherited = roundTrip("package a:b@1.0.2; @since(version = 1.0.2) interface i { resource r { m: func(); }"
                + " foo: func(); @since(version = 1.0.1) bar: func(); }");
        assertThat(inherited.root().interfaceNamed("i").functions()).extracting(Function::name).contains("foo", "bar");
        assertThat(fail("package a:b; @since(version = 1.0.0) interface i {}").getMessage()).contains("has no version");
        assertThat(fail("package a:b@0.1.0; @since(version = 0.2.0) interface i {}").getMessage()).contains("newer");
        assertThat(fail("package a:b@1.0.0; @since(version = 1.0.0) @unstable(feature = x) interface i {}").getMessage())
                .contains("both");
        assertThat(fail("package a:b@1.0.0; @deprecated(version = 1.0.0) interface i {}").getMessage()).contains("paired");
        assertThat(fail("package a:b@1.0.0; @since(version = 1.0.0) @since(version = 1.0.0) interface i {}").getMessage())
                .contains("twice");
        assertThat(fail("package a:b; @since(feature = foo) interface i {}").getMessage()).contains("expected 'version'");
        assertThat(fail("package a:b; @sinse(version = 1.0.0) interface i {}").getMessage()).contains("did you mean 'since'");
    }

    @Test
    void worldElaboration() {
        Resolve r = roundTrip("""
                package local:demo;
                interface shared { record metadata { x: u32 } }
                interface a { resource r; }
                interface b { use a.{r}; foo: func() -> r; }
                world my-world {
                  import host: interface {
                    use shared.{metadata};
                    get: func() -> metadata;
                  }
                }
                world w1 { export b; }
                world w2 { import a; export b; }
                """);
        World my = r.root().worldNamed("my-world");
        assertThat(my.imports()).extracting(WorldItem::externName).containsExactly("local:demo/shared", "host");
        World w1 = r.root().worldNamed("w1");
        World w2 = r.root().worldNamed("w2");
        assertThat(w1.imports()).extracting(WorldItem::externName).containsExactly("local:demo/a");
        assertThat(w1.exports()).extracting(WorldItem::externName).containsExactly("local:demo/b");
        assertThat(w2.imports()).isEqualTo(w1.imports());
        assertThat(fail("""
                package a:b;
                interface a { type t = u32; }
                interface b { use a.{t}; }
                interface c { use a.{t}; use b.{t as t2}; }
                world foo { export a; export c; }
                """).getMessage()).contains("also exported");
    }

    @Test
    void includesMergeRenameAndDeduplicate() {
        Resolve r = roundTrip("""
                package local:demo;
                interface a1 {}
                interface b1 {}
                world world-one { import a: func(); import a1; }
                world world-two { import a: func(); import a1; import b1; export run: func(); }
                world u { include world-one; include world-two with { a as b }; }
                """);
        World u = r.root().worldNamed("u");
        assertThat(u.imports()).extracting(WorldItem::externName)
                .containsExactly("local:demo/a1", "local:demo/b1", "a", "b");
        assertThat(u.exports()).extracting(WorldItem::externName).containsExactly("run");
        assertThat(fail("""
                package local:demo;
                world one { import a: func(); }
                world two { import a: func(); }
                world u { include one; include two; }
                """).getMessage()).contains("conflicts");
        assertThat(fail("""
                package local:demo;
                interface a { foo: func(); }
                world world-using-a { import a; }
                world invalid { include world-using-a with { a as b } }
                """).getMessage()).contains("interface name");
    }

    @Test
    void includeClonesWorldTypes() {
        Resolve r = roundTrip("""
                package a:b;
                interface shared { record p { x: u8 } }
                world base {
                  use shared.{p};
                  type t = list<p>;
                  resource res { m: func(); }
                  import f: func(x: t, y: res) -> p;
                  import inl: interface { record q { y: p2 } type p2 = u8; g: func() -> q; }
                }
                world ext { include base with { f as f2, inl as inl2, t as tt }; export e: func(); }
                """);
        World ext = r.root().worldNamed("ext");
        assertThat(ext.type("tt")).isNotNull();
        assertThat(ext.type("tt").owner()).isEqualTo(ext);
        assertThat(ext.type("p")).isSameAs(r.root().interfaceNamed("shared").type("p"));
        assertThat(ext.imports()).extracting(WorldItem::externName).containsExactly("inl2", "a:b/shared", "f2");
    }

    @Test
    void foreignPackageNotFound() {
        assertThat(fail("package a:b; interface i { use wasi:io/streams@0.2.0.{x}; }").diagnostics().get(0).message())
                .startsWith("package 'wasi:io@0.2.0' not found;");
        assertThat(fail("package a:b; interface i { use wasi:io/strams.{x}; } package wasi:io { interface streams {} }")
                .getMessage()).contains("did you mean 'streams'");
        assertThat(fail("package a:b; interface i { use wasi:io/streams.{y}; } package wasi:io { interface streams { type x = u8; } }")
                .getMessage()).contains("type 'y' not found");
        assertThat(fail("package a:b; world w { import w; }").getMessage()).contains("is a world, not an interface");
        assertThat(fail("package a:b; interface i {} world w { include i; }").getMessage()).contains("is an interface");
    }

    @Test
    void worldSelection() {
        Resolve r = parse("package a:b; world w {} package c:d { world x {} }");
        assertThat(r.root().name().toString()).isEqualTo("a:b");
        assertThat(parse("package c:d { world x {} } package a:b { world w {} }").root().name().toString())
                .isEqualTo("a:b");
        Resolve r2 = parse("package a:b; world w {}");
        assertThat(r2.selectWorld(null).name()).isEqualTo("w");
        assertThat(r2.selectWorld("w").name()).isEqualTo("w");
        assertThat(r2.selectWorld("a:b/w").name()).isEqualTo("w");
    }

    @Test
    void wasiStyleGatedPackageRoundTrips() {
        Resolve r = roundTrip("""
                package wasi:io@0.2.3;
                @since(version = 0.2.0)
                interface error {
                  @since(version = 0.2.0)
                  resource error {
                    @since(version = 0.2.0)
                    to-debug-string: func() -> string;
                  }
                }
                @since(version = 0.2.0)
                interface streams {
                  @since(version = 0.2.0)
                  use error.{error};
                  @since(version = 0.2.0)
                  variant stream-error { last-operation-failed(error), closed }
                  @since(version = 0.2.0)
                  resource input-stream {
                    @since(version = 0.2.0)
                    read: func(len: u64) -> result<list<u8>, stream-error>;
                  }
                }
                @since(version = 0.2.0)
                world imports {
                  @since(version = 0.2.0)
                  import streams;
                }
                interface plain { @since(version = 0.2.0) use streams.{input-stream}; @since(version = 0.2.1) f: func(s: borrow<input-stream>); }
                world w { import plain; }
                """);
        World imports = r.root().worldNamed("imports");
        assertThat(imports.imports()).extracting(WorldItem::externName)
                .containsExactly("wasi:io/error@0.2.3", "wasi:io/streams@0.2.3");
        assertThat(((WorldItem.InterfaceItem) imports.imports().get(0)).stability())
                .isEqualTo(new Stability.Since(Version.parse("0.2.0"), null));
    }
}
