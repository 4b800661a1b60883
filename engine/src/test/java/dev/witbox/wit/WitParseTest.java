package dev.witbox.wit;

import static dev.witbox.wit.WitTestSupport.fail;
import static dev.witbox.wit.WitTestSupport.parse;
import static dev.witbox.wit.WitTestSupport.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WitParseTest {

    @Test
    void allTypes() {
        Resolve r = roundTrip("""
                package local:demo@1.2.3-rc.1+build.5;

                interface types {
                  record r { a: u32, b: string, }
                  variant human { baby, child(u32), adult }
                  enum errno { too-big, too-small }
                  flags permissions { read, write, exec }
                  resource blob {
                    constructor(init: list<u8>);
                    write: func(bytes: list<u8>);
                    read: func(n: u32) -> list<u8>;
                    merge: static func(lhs: borrow<blob>, rhs: borrow<blob>) -> blob;
                    go: async func();
                    sgo: static async func();
                  }
                  resource blob2 { constructor(init: list<u8>) -> result<blob2>; }
                  resource plain;
                  type t1 = u32;
                  type t2 = tuple<u32, u64>;
                  type t4 = option<u32>;
                  type t5 = result<_, errno>;
                  type t6 = result<string>;
                  type t7 = result<char, errno>;
                  type t8 = result;
                  type t9 = list<string>;
                  type t10 = t9;
                  type t11 = list<u8, 4>;
                  type t12 = map<string, list<u8>>;
                  type t13 = future;
                  type t14 = future<u32>;
                  type t15 = stream;
                  type t16 = stream<u8>;
                  type t17 = error-context;
                  type t18 = own<blob>;
                  type t19 = borrow<blob>;
                  type prims = tuple<bool, s8, s16, s32, s64, u8, u16, u32, u64, f32, f64, char, string>;
                  f: func(a: blob, b: borrow<blob>) -> blob;
                }
                """);
        Interface types = r.root().interfaceNamed("types");
        assertThat(types.types()).hasSize(26);
        TypeDef blob = types.type("blob");
        assertThat(blob.kind()).isInstanceOf(TypeDefKind.Resource.class);
        List<Function> fs = ((TypeDefKind.Resource) blob.kind()).functions();
        assertThat(fs).extracting(Function::canonicalName).containsExactly("[constructor]blob", "[method]blob.write",
                "[method]blob.read", "[static]blob.merge", "[method]blob.go", "[static]blob.sgo");
        assertThat(fs.get(1).params().get(0)).isEqualTo(new Param("self", new Type.Borrow(blob)));
        assertThat(fs.get(0).result()).isEqualTo(new Type.Own(blob));
        assertThat(((TypeDefKind.Alias) types.type("t18").kind()).target()).isEqualTo(new Type.Own(blob));
        assertThat(((TypeDefKind.Alias) types.type("t11").kind()).target())
                .isEqualTo(new Type.FixedListType(Type.Primitive.U8, 4));
        assertThat(r.root().name().version().toString()).isEqualTo("1.2.3-rc.1+build.5");
        Function f = types.functions().get(0);
        assertThat(f.params().get(0).type()).isEqualTo(new Type.Own(blob));
    }

    @Test
    void useSharesTheSameTypeObject() {
        Resolve r = parse("""
                package a:b;
                interface a { record point { x: u32 } }
                interface b { use a.{point}; f: func() -> point; }
                interface c { use b.{point as p}; g: func(x: p); }
                """);
        TypeDef point = r.root().interfaceNamed("a").type("point");
        assertThat(r.root().interfaceNamed("b").type("point")).isSameAs(point);
        assertThat(r.root().interfaceNamed("c").type("p")).isSameAs(point);
        assertThat(r.interfaces()).extracting(Interface::name).containsExactly("a", "b", "c");
        Resolve r2 = parse("""
                package a:b;
                interface c { use b.{point as p}; g: func(x: p); }
                interface b { use a.{point}; f: func() -> point; }
                interface a { record point { x: u32 } }
                """);
        assertThat(r2.interfaces()).extracting(Interface::name).containsExactly("a", "b", "c");
        assertThat(r2.root().interfaces()).extracting(Interface::name).containsExactly("c", "b", "a");
        roundTrip(r2, WitOptions.defaults());
    }

    @Test
    void docsAreKept() {
        Resolve r = roundTrip("""
                /// package docs
                package a:b;

                /// iface
                /// second line
                interface i {
                  /** block
                   docs */
                  record r {
                    /// field
                    x: u32,
                  }
                  /// fn
                  f: func();
                }
                /// world
                world w {
                  /// imp
                  import i;
                  /// exp
                  export g: func();
                }
                """);
        Interface i = r.root().interfaceNamed("i");
        assertThat(r.root().docs()).isEqualTo("package docs");
        assertThat(i.docs()).isEqualTo("iface\nsecond line");
        assertThat(i.type("r").docs()).isEqualTo("block\ndocs");
        assertThat(((TypeDefKind.Record) i.type("r").kind()).fields().get(0).docs()).isEqualTo("field");
        assertThat(i.functions().get(0).docs()).isEqualTo("fn");
        World w = r.root().worldNamed("w");
        assertThat(w.docs()).isEqualTo("world");
        assertThat(((WorldItem.InterfaceItem) w.imports().get(0)).docs()).isEqualTo("imp");
        assertThat(((WorldItem.FunctionItem) w.exports().get(0)).function().docs()).isEqualTo("exp");
    }

    @Test
    void escapedIdentifiersAndNestedComments() {
        Resolve r = roundTrip("""
                package a:b;
                /* outer /* inner */ still comment */
                interface %interface {
                  %variant: func(%enum: s32);
                  is-XML: func(a1-2-3: u32, A-B-C: u32);
                }
                """);
        Interface i = r.root().interfaceNamed("interface");
        assertThat(i.functions()).extracting(Function::name).containsExactly("variant", "is-XML");
        assertThat(WitPrinter.print(r)).contains("interface %interface {", "%variant: func(%enum: s32);");
    }

    @Test
    void topLevelUseAndForeignReferences() {
        Resolve r = roundTrip("""
                package local:demo;
                use wasi:http/types@1.0.0;
                use wasi:http/handler@1.0.0 as h;
                interface my-interface { use types.{request, response}; }
                world my-world { import h; export h; }
                package wasi:http@1.0.0 {
                  interface types { resource request; resource response; }
                  interface handler { use types.{request, response}; handle: func(r: request) -> response; }
                }
                """);
        assertThat(r.packages()).extracting(p -> p.name().toString()).containsExactly("wasi:http@1.0.0", "local:demo");
        assertThat(r.root().name().toString()).isEqualTo("local:demo");
        String printed = WitPrinter.print(r);
        assertThat(printed).contains("use wasi:http/types@1.0.0.{request, response};", "import wasi:http/handler@1.0.0;");
        World w = r.root().worldNamed("my-world");
        assertThat(w.imports()).extracting(WorldItem::externName)
                .containsExactly("wasi:http/types@1.0.0", "wasi:http/handler@1.0.0");
        assertThat(w.exports()).extracting(WorldItem::externName).containsExactly("wasi:http/handler@1.0.0");
    }

    @Test
    void syntaxErrorsHaveLocations() {
        WitException e = fail("package a:b;\ninterface i {\n  f: func()\n}\n");
        WitDiagnostic d = e.diagnostics().get(0);
        assertThat(d.line()).isEqualTo(4);
        assertThat(d.column()).isEqualTo(1);
        assertThat(d.message()).isEqualTo("expected ';' after function 'f', found '}'");
        assertThat(d.render()).isEqualTo("test.wit:4:1: error: expected ';' after function 'f', found '}'\n  }\n  ^");
        assertThat(fail("package a:b; interface i { enum e {} }").getMessage()).contains("at least one case");
        assertThat(fail("package a:b; interface i { variant v {} }").getMessage()).contains("at least one case");
        assertThat(fail("package a:b; interface i { type t = list<u8, 0>; }").getMessage()).contains("fixed list");
        assertThat(fail("package a:b; interface i { Foo-bar: func(); }").getMessage()).contains("mixes upper and lower");
        assertThat(fail("package a:b; interface i { 1x: func(); }").getMessage()).contains("expected");
        assertThat(fail("package a:b; interface record {}").getMessage()).contains("%record");
        assertThat(fail("package a:b@1.0; interface i {}").getMessage()).contains("MAJOR.MINOR.PATCH");
        assertThat(fail("package a:b@01.0.0; interface i {}").getMessage()).contains("leading zero");
        assertThat(fail("package a:b@1.0.0-01; interface i {}").getMessage()).contains("leading zero");
        assertThat(fail("interface i {}").getMessage()).contains("no package declaration");
        assertThat(fail("").getMessage()).contains("no package declaration");
        assertThat(fail("package a:b; world w { import a:b; }").getMessage()).contains("expected '/'");
        assertThat(fail("package a:b:c; interface i {}").getMessage()).contains("nested namespaces");
        assertThat(fail("package A:b; interface i {}").getMessage()).contains("lowercase");
    }

    @Test
    void versionsScanAroundUseBraces() {
        Resolve r = parse("""
                package a:b;
                interface i { use c:d/e@1.0.0-pre.1.{t}; use c:d/e@1.0.0-pre.1 .{t as u}; }
                package c:d@1.0.0-pre.1 { interface e { type t = u8; } }
                """);
        assertThat(r.root().interfaceNamed("i").type("u").name()).isEqualTo("t");
    }

    @Test
    void plainNamedInterfaceImportsAndExternalIds() {
        Resolve r = roundTrip("""
                package local:demo;
                interface store { get: func(key: string) -> option<string>; }
                world w {
                  @external-id("user-db \\"prod\\"")
                  import one: store;
                  import two: store;
                  @external-id("x")
                  export run: func();
                }
                """);
        World w = r.root().worldNamed("w");
        assertThat(w.imports()).extracting(WorldItem::externName).containsExactly("one", "two");
        assertThat(((WorldItem.InterfaceItem) w.imports().get(0)).externalId()).isEqualTo("user-db \"prod\"");
    }
}
