package dev.witbox.wit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Round-trip and robustness properties of the WIT front end, as plain JUnit 5 parameterized
 * tests over fixed seeds: each seed drives a {@link java.util.Random}, so every run is
 * deterministic and a failing case is named by the seed that reproduces it.
 *
 * <ul>
 *   <li>Random WIT packages (interfaces, worlds, every type kind nested a few levels,
 *       resources, uses between interfaces, docs, gates, keyword identifiers needing
 *       {@code %}) are rendered to text by a small renderer of our own, in two different
 *       surface styles. Both renderings must load, print identically (same model), and the
 *       print must parse back to the same print.
 *   <li>Arbitrary bytes, random token soups and small mutations of valid packages either
 *       load or throw {@link WitException}; nothing else is ever thrown.
 *   <li>Every valid corpus case round-trips through the printer.
 * </ul>
 */
class WitRoundTripProperties {

    /** Seeds per property. */
    static final int TRIES = 200;

    /** Mixes a seed so that the different properties do not walk the same random streams. */
    static final long SALT_BYTES = 0x5DEECE66DL;
    static final long SALT_SOUP = 0x9E3779B97F4A7C15L;
    static final long SALT_MUTATION = 0xC2B2AE3D27D4EB4FL;

    static LongStream seeds() {
        return LongStream.range(0, TRIES);
    }

    static Pkg pkg(long seed) {
        return new Generator(new Random(seed)).pkg(seed);
    }

    // ---------------------------------------------------------------- generated packages

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void generatedPackagesRoundTrip(long seed) {
        Pkg pkg = pkg(seed);
        WitOptions options = WitOptions.defaults().withAllFeatures();
        String plain = pkg.render(new Style(false, new Random(pkg.seed)));
        String fancy = pkg.render(new Style(true, new Random(pkg.seed + 1)));

        String print1 = printOrFail("plain.wit", plain, options);
        String print2 = printOrFail("fancy.wit", fancy, options);
        assertEquals(print1, print2,
                "two renderings of one model print differently\n--- plain:\n" + plain + "\n--- fancy:\n" + fancy);
        String reprint = printOrFail("print.wit", print1, options);
        assertEquals(print1, reprint, "print -> parse -> print is not stable\n--- source:\n" + plain);
    }

    static String printOrFail(String name, String source, WitOptions options) {
        try {
            return WitPrinter.print(Wit.parse(name, source, options));
        } catch (WitException e) {
            fail("generated WIT was rejected: " + WitCorpusTest.describe(e) + "\n--- " + name + ":\n" + source, e);
            return null;
        }
    }

    // ---------------------------------------------------------------- robustness

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void arbitraryBytesOnlyEverProduceWitException(long seed) throws IOException {
        Random r = new Random(seed ^ SALT_BYTES);
        byte[] bytes = new byte[r.nextInt(301)];
        if (r.nextBoolean()) {
            r.nextBytes(bytes);
        } else {
            // mostly printable ASCII, which gets further into the lexer and parser
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = r.nextInt(8) == 0 ? (byte) r.nextInt(256) : (byte) (32 + r.nextInt(95));
            }
        }
        Path file = Files.createTempFile("witbox-fuzz", ".wit");
        try {
            Files.write(file, bytes);
            loadExpectingOnlyWitException(file);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void tokenSoupsOnlyEverProduceWitException(long seed) {
        String source = tokenSoup(new Random(seed ^ SALT_SOUP));
        try {
            Wit.parse("soup.wit", source, WitOptions.defaults());
        } catch (WitException e) {
            // fine: a located diagnosis
            if (e.diagnostics() == null || e.diagnostics().isEmpty()) {
                fail("WitException without diagnostics for:\n" + source);
            }
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError("non-WitException for input:\n" + source, e);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void mutatedValidPackagesOnlyEverProduceWitException(long seed) {
        Pkg pkg = pkg(seed);
        Mutation mutation = Mutation.random(new Random(seed ^ SALT_MUTATION));
        String source = mutation.apply(pkg.render(new Style(false, new Random(pkg.seed))));
        try {
            WitPrinter.print(Wit.parse("mutated.wit", source, WitOptions.defaults()));
        } catch (WitException e) {
            // fine
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError("non-WitException for input:\n" + source, e);
        }
    }

    static void loadExpectingOnlyWitException(Path file) {
        try {
            Wit.load(file, WitOptions.defaults());
        } catch (WitException e) {
            // fine
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError("non-WitException for " + file, e);
        }
    }

    static final String[] SOUP = {
        "package", "interface", "world", "use", "import", "export", "include", "with", "as",
        "type", "record", "variant", "enum", "flags", "resource", "func", "async", "static",
        "constructor", "borrow", "own", "list", "option", "result", "tuple", "map", "future",
        "stream", "u8", "u32", "string", "bool", "error-context", "from", "_", "a", "b-c",
        "Foo", "x1", "%type", "%", "a:b", "a:b/c", "@1.0.0", "@", "1", "0", "1.2.3", "-",
        "{", "}", "(", ")", "<", ">", ",", ";", ":", "=", ".", "/", "*", "->", "//c\n",
        "/*", "*/", "/// doc\n", "\"s\"", "\"", "@since(version = 1.0.0)",
        "@unstable(feature = f)", "@deprecated(version = 1.0.0)", "@external-id(\"x\")",
        "\n", " ", "\t", "\r\n", "\u202e", "\u0000", "é", "\uD83D\uDE00",
    };

    /** Up to 60 tokens of {@link #SOUP}, separated by spaces. */
    static String tokenSoup(Random r) {
        StringBuilder sb = new StringBuilder();
        for (int k = r.nextInt(61); k > 0; k--) {
            sb.append(SOUP[r.nextInt(SOUP.length)]).append(' ');
        }
        return sb.toString();
    }

    static final char[] MUTATION_CHARS = {'{', '}', '<', '>', ';', ',', ':', '%', '-', '@', 'x', ' ', '/', '*'};

    /** A small edit of a valid source: delete, duplicate or insert a character. */
    record Mutation(int kind, double where, char ch) {
        static Mutation random(Random r) {
            return new Mutation(r.nextInt(3), r.nextDouble(), MUTATION_CHARS[r.nextInt(MUTATION_CHARS.length)]);
        }

        String apply(String s) {
            if (s.isEmpty()) {
                return String.valueOf(ch);
            }
            int i = Math.min(s.length() - 1, (int) (where * s.length()));
            switch (kind) {
                case 0:
                    return s.substring(0, i) + s.substring(i + 1);
                case 1:
                    return s.substring(0, i) + s.charAt(i) + s.substring(i);
                default:
                    return s.substring(0, i) + ch + s.substring(i);
            }
        }
    }

    // ---------------------------------------------------------------- the corpus

    @Test
    void everyValidCorpusCaseRoundTrips() {
        List<String> failures = new ArrayList<>();
        for (Path dir : WitCorpusTest.cases("valid")) {
            WitOptions options = WitCorpusTest.options(dir);
            try {
                String print1 = WitPrinter.print(Wit.load(WitCorpusTest.input(dir), options));
                String print2 = WitPrinter.print(Wit.parse("print.wit", print1, options));
                if (!print1.equals(print2)) {
                    failures.add(dir.getFileName() + ": print -> parse -> print differs");
                }
            } catch (WitException e) {
                failures.add(dir.getFileName() + ": " + WitCorpusTest.describe(e));
            } catch (RuntimeException e) {
                failures.add(dir.getFileName() + ": threw " + e);
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " valid corpus cases do not round-trip:\n" + String.join("\n", failures));
        }
    }

    // ================================================================= the generator model

    static final Set<String> KEYWORDS = Set.of("as", "async", "bool", "borrow", "char", "constructor",
            "enum", "export", "f32", "f64", "flags", "from", "func", "future", "import", "include",
            "interface", "list", "map", "option", "own", "package", "record", "resource", "result",
            "s16", "s32", "s64", "s8", "static", "stream", "string", "tuple", "type", "u16", "u32",
            "u64", "u8", "use", "variant", "with", "world");

    static final String[] WORDS = {"alpha", "beta", "gamma", "my-name", "x1", "a1-b2", "HTTP", "get-JSON",
        "XML-doc", "value", "item", "node", "self", "error", "ok", "none", "feature", "version",
        "type", "list", "record", "stream", "import", "world", "use", "func", "own", "borrow",
        "enum", "interface", "resource", "string", "result", "map", "future", "async", "with"};

    static final String[] PRIMS = {"bool", "s8", "u8", "s16", "u16", "s32", "u32", "s64", "u64",
        "f32", "f64", "char", "string", "error-context"};
    static final String[] KEY_TYPES = {"u8", "u16", "u32", "u64", "s8", "s16", "s32", "s64", "char",
        "bool", "string"};

    /** Unique names within one scope (case-insensitively). */
    static final class Scope {
        final Set<String> taken = new HashSet<>();
        final Random r;
        int counter;

        Scope(Random r) {
            this.r = r;
        }

        String fresh() {
            String base = WORDS[r.nextInt(WORDS.length)];
            return claim(base);
        }

        String fresh(String prefix) {
            return claim(prefix + (++counter));
        }

        String claim(String base) {
            String name = base;
            int i = 2;
            while (!taken.add(name.toLowerCase(Locale.ROOT))) {
                name = base + "-" + i++;
            }
            return name;
        }
    }

    /** A type expression. */
    interface Ty {
        String render(Style s);
    }

    record Named(String name) implements Ty {
        public String render(Style s) {
            return s.id(name);
        }
    }

    record Prim(String name) implements Ty {
        public String render(Style s) {
            return name;
        }
    }

    record Generic(String ctor, List<Ty> args, String suffix) implements Ty {
        public String render(Style s) {
            if (args.isEmpty()) {
                return ctor;
            }
            StringBuilder sb = new StringBuilder(ctor).append('<');
            for (int i = 0; i < args.size(); i++) {
                if (i > 0) {
                    sb.append(',').append(s.sp());
                }
                sb.append(args.get(i).render(s));
            }
            if (suffix != null) {
                sb.append(',').append(s.sp()).append(suffix);
            }
            return sb.append('>').toString();
        }
    }

    record ResultTy(Ty ok, Ty err) implements Ty {
        public String render(Style s) {
            if (ok == null && err == null) {
                return "result";
            }
            if (err == null) {
                return "result<" + ok.render(s) + ">";
            }
            return "result<" + (ok == null ? "_" : ok.render(s)) + "," + s.sp() + err.render(s) + ">";
        }
    }

    record Borrow(String resource) implements Ty {
        public String render(Style s) {
            return "borrow<" + s.id(resource) + ">";
        }
    }

    record Field(String name, Ty type) {}

    record Func(String name, List<Field> params, Ty result, boolean async, String gate, String doc) {
        String signature(Style s) {
            StringBuilder sb = new StringBuilder();
            if (async) {
                sb.append("async ");
            }
            sb.append("func(");
            for (int i = 0; i < params.size(); i++) {
                if (i > 0) {
                    sb.append(',').append(s.sp());
                }
                sb.append(s.id(params.get(i).name)).append(':').append(s.sp())
                        .append(params.get(i).type.render(s));
            }
            sb.append(')');
            if (result != null) {
                sb.append(s.sp()).append("->").append(s.sp()).append(result.render(s));
            }
            return sb.toString();
        }
    }

    /** A type definition inside an interface. */
    record TypeDef(String kind, String name, List<Field> fields, Ty alias, Resource resource, String doc) {}

    record Resource(boolean constructor, List<Field> ctorParams, boolean fallible, List<Func> methods,
            List<Func> statics) {}

    record UseItem(String from, List<String[]> names) {}

    record Iface(String name, List<UseItem> uses, List<TypeDef> types, List<Func> funcs, String doc) {}

    record WorldItem(String kind, String text) {}

    record WorldDef(String name, List<String> includes, List<String> imports, List<String> exports,
            List<Func> importFuncs, List<Func> exportFuncs, Iface inlineImport, String doc) {}

    /** A generated package and the seed that drives its rendering styles. */
    static final class Pkg {
        final long seed;
        final String name;
        final List<Iface> interfaces = new ArrayList<>();
        final List<WorldDef> worlds = new ArrayList<>();

        Pkg(long seed, String name) {
            this.seed = seed;
            this.name = name;
        }

        String render(Style s) {
            StringBuilder out = new StringBuilder();
            s.comment(out);
            out.append("package ").append(name).append(";\n\n");
            for (Iface i : interfaces) {
                s.doc(out, i.doc, "");
                out.append("interface ").append(s.id(i.name)).append(s.sp()).append("{\n");
                renderIfaceBody(out, i, s, "  ");
                out.append("}\n\n");
            }
            for (WorldDef w : worlds) {
                s.doc(out, w.doc, "");
                out.append("world ").append(s.id(w.name)).append(s.sp()).append("{\n");
                for (String inc : w.includes) {
                    out.append("  include ").append(s.id(inc)).append(";\n");
                }
                for (String imp : w.imports) {
                    out.append("  import ").append(s.id(imp)).append(";\n");
                    s.comment(out);
                }
                for (String exp : w.exports) {
                    out.append("  export ").append(s.id(exp)).append(";\n");
                }
                for (Func f : w.importFuncs) {
                    renderFunc(out, f, s, "  ", "import ");
                }
                for (Func f : w.exportFuncs) {
                    renderFunc(out, f, s, "  ", "export ");
                }
                if (w.inlineImport != null) {
                    out.append("  import ").append(s.id(w.inlineImport.name)).append(':').append(s.sp())
                            .append("interface {\n");
                    renderIfaceBody(out, w.inlineImport, s, "    ");
                    out.append("  }\n");
                }
                out.append("}\n\n");
            }
            return out.toString();
        }

        static void renderIfaceBody(StringBuilder out, Iface i, Style s, String ind) {
            for (UseItem u : i.uses) {
                out.append(ind).append("use ").append(s.id(u.from)).append(".{");
                for (int k = 0; k < u.names.size(); k++) {
                    if (k > 0) {
                        out.append(',').append(s.sp());
                    }
                    String[] n = u.names.get(k);
                    out.append(s.id(n[0]));
                    if (n[1] != null) {
                        out.append(" as ").append(s.id(n[1]));
                    }
                }
                out.append(s.trailingComma()).append("};\n");
            }
            for (TypeDef t : i.types) {
                s.doc(out, t.doc, ind);
                switch (t.kind) {
                    case "type":
                        out.append(ind).append("type ").append(s.id(t.name)).append(s.sp()).append('=')
                                .append(s.sp()).append(t.alias.render(s)).append(";\n");
                        break;
                    case "record":
                        out.append(ind).append("record ").append(s.id(t.name)).append(" {\n");
                        for (int k = 0; k < t.fields.size(); k++) {
                            Field f = t.fields.get(k);
                            out.append(ind).append("  ").append(s.id(f.name)).append(':').append(s.sp())
                                    .append(f.type.render(s));
                            out.append(k + 1 < t.fields.size() ? ",\n" : s.trailingComma() + "\n");
                        }
                        out.append(ind).append("}\n");
                        break;
                    case "variant":
                        out.append(ind).append("variant ").append(s.id(t.name)).append(" {\n");
                        for (int k = 0; k < t.fields.size(); k++) {
                            Field f = t.fields.get(k);
                            out.append(ind).append("  ").append(s.id(f.name));
                            if (f.type != null) {
                                out.append('(').append(f.type.render(s)).append(')');
                            }
                            out.append(k + 1 < t.fields.size() ? ",\n" : s.trailingComma() + "\n");
                        }
                        out.append(ind).append("}\n");
                        break;
                    case "enum":
                    case "flags":
                        out.append(ind).append(t.kind).append(' ').append(s.id(t.name)).append(" {");
                        for (int k = 0; k < t.fields.size(); k++) {
                            out.append(k > 0 ? "," + s.sp() : s.sp()).append(s.id(t.fields.get(k).name));
                        }
                        out.append(s.trailingComma()).append(s.sp()).append("}\n");
                        break;
                    case "resource":
                        Resource r = t.resource;
                        if (r == null) {
                            out.append(ind).append("resource ").append(s.id(t.name)).append(";\n");
                            break;
                        }
                        out.append(ind).append("resource ").append(s.id(t.name)).append(" {\n");
                        if (r.constructor) {
                            out.append(ind).append("  constructor(");
                            for (int k = 0; k < r.ctorParams.size(); k++) {
                                if (k > 0) {
                                    out.append(',').append(s.sp());
                                }
                                out.append(s.id(r.ctorParams.get(k).name)).append(": ")
                                        .append(r.ctorParams.get(k).type.render(s));
                            }
                            out.append(')');
                            if (r.fallible) {
                                out.append(" -> result<").append(s.id(t.name)).append(", string>");
                            }
                            out.append(";\n");
                        }
                        for (Func m : r.methods) {
                            renderFunc(out, m, s, ind + "  ", "");
                        }
                        for (Func m : r.statics) {
                            s.doc(out, m.doc, ind + "  ");
                            if (m.gate != null) {
                                out.append(ind).append("  ").append(m.gate).append('\n');
                            }
                            out.append(ind).append("  ").append(s.id(m.name)).append(':').append(s.sp())
                                    .append("static ").append(m.signature(s)).append(";\n");
                        }
                        out.append(ind).append("}\n");
                        break;
                    default:
                        throw new IllegalStateException(t.kind);
                }
            }
            for (Func f : i.funcs) {
                renderFunc(out, f, s, ind, "");
            }
        }

        static void renderFunc(StringBuilder out, Func f, Style s, String ind, String prefix) {
            s.doc(out, f.doc, ind);
            if (f.gate != null) {
                out.append(ind).append(f.gate).append('\n');
            }
            out.append(ind).append(prefix).append(s.id(f.name)).append(':').append(s.sp())
                    .append(f.signature(s)).append(";\n");
            s.comment(out);
        }

        @Override
        public String toString() {
            return render(new Style(false, new Random(seed)));
        }
    }

    /**
     * Surface style of a rendering. The plain style is tidy; the fancy one adds comments,
     * extra whitespace, trailing commas and gratuitous {@code %} prefixes — none of which may
     * change the model.
     */
    static final class Style {
        final boolean fancy;
        final Random r;

        Style(boolean fancy, Random r) {
            this.fancy = fancy;
            this.r = r;
        }

        String id(String name) {
            if (KEYWORDS.contains(name)) {
                return "%" + name;
            }
            return fancy && r.nextInt(4) == 0 ? "%" + name : name;
        }

        String sp() {
            if (!fancy) {
                return " ";
            }
            switch (r.nextInt(4)) {
                case 0:
                    return "";
                case 1:
                    return "  \t";
                case 2:
                    return "\n      ";
                default:
                    return " ";
            }
        }

        String trailingComma() {
            return fancy && r.nextBoolean() ? "," : "";
        }

        void comment(StringBuilder out) {
            if (fancy && r.nextInt(3) == 0) {
                out.append(r.nextBoolean() ? "// a comment, not a doc\n" : "/* a /* nested */ comment */\n");
            }
        }

        void doc(StringBuilder out, String doc, String ind) {
            if (doc == null) {
                return;
            }
            out.append(ind).append("/// ").append(doc).append('\n');
        }
    }

    /** Builds random, valid packages. */
    static final class Generator {
        final Random r;
        final boolean gates;

        Generator(Random r) {
            this.r = r;
            this.gates = r.nextInt(3) == 0;
        }

        Pkg pkg(long seed) {
            String version = gates ? "@1.2.0" : r.nextBoolean() ? "" : "@0.1.0-pre.1+b5";
            Pkg p = new Pkg(seed, "gen:pkg" + (r.nextInt(100)) + version);
            Scope top = new Scope(r);
            int nIfaces = r.nextInt(5);
            List<Iface> ifaces = p.interfaces;
            for (int k = 0; k < nIfaces; k++) {
                ifaces.add(iface(top.fresh(), ifaces));
            }
            // Interfaces with an index below `split` may be imported, the others exported, so that no
            // imported interface ever depends on an exported one.
            int split = nIfaces == 0 ? 0 : r.nextInt(nIfaces + 1);
            int nWorlds = r.nextInt(3);
            Scope plainNames = new Scope(r);
            for (int k = 0; k < nWorlds; k++) {
                List<String> includes = new ArrayList<>();
                if (!p.worlds.isEmpty() && r.nextBoolean()) {
                    includes.add(p.worlds.get(r.nextInt(p.worlds.size())).name);
                }
                List<String> imports = new ArrayList<>();
                boolean[] exported = new boolean[nIfaces];
                for (int i = 0; i < nIfaces; i++) {
                    if (r.nextInt(3) == 0) {
                        if (i < split) {
                            imports.add(ifaces.get(i).name);
                        } else {
                            exported[i] = true;
                        }
                    }
                }
                // An exported interface's non-exported dependencies become imports, and an import may not
                // depend on an export: so also export every dependency at or above the split (uses only
                // point to earlier interfaces, so one backwards sweep closes the set).
                for (int i = nIfaces - 1; i >= split; i--) {
                    if (exported[i]) {
                        for (UseItem u : ifaces.get(i).uses) {
                            int dep = indexOf(ifaces, u.from);
                            if (dep >= split) {
                                exported[dep] = true;
                            }
                        }
                    }
                }
                List<String> exports = new ArrayList<>();
                for (int i = split; i < nIfaces; i++) {
                    if (exported[i]) {
                        exports.add(ifaces.get(i).name);
                    }
                }
                List<Func> importFuncs = new ArrayList<>();
                List<Func> exportFuncs = new ArrayList<>();
                for (int i = r.nextInt(3); i > 0; i--) {
                    importFuncs.add(func(plainNames.fresh("imp-f"), List.of(), List.of(), 1));
                }
                for (int i = r.nextInt(3); i > 0; i--) {
                    exportFuncs.add(func(plainNames.fresh("exp-f"), List.of(), List.of(), 1));
                }
                Iface inline = null;
                if (r.nextInt(3) == 0) {
                    Scope s = new Scope(r);
                    List<Func> fs = new ArrayList<>();
                    for (int i = r.nextInt(3); i > 0; i--) {
                        fs.add(func(s.fresh(), List.of(), List.of(), 2));
                    }
                    inline = new Iface(plainNames.fresh("inline-i"), List.of(), List.of(), fs, null);
                }
                p.worlds.add(new WorldDef(top.fresh(), includes, imports, exports, importFuncs, exportFuncs,
                        inline, doc()));
            }
            return p;
        }

        static int indexOf(List<Iface> ifaces, String name) {
            for (int i = 0; i < ifaces.size(); i++) {
                if (ifaces.get(i).name.equals(name)) {
                    return i;
                }
            }
            throw new IllegalStateException(name);
        }

        String doc() {
            return r.nextInt(4) == 0 ? "Docs number " + r.nextInt(1000) + "." : null;
        }

        String gate() {
            if (!gates) {
                return null;
            }
            switch (r.nextInt(5)) {
                case 0:
                    return "@since(version = 1.0.0)";
                case 1:
                    return "@since(version = 1.2.0)";
                case 2:
                    return "@unstable(feature = gen-feature)";
                case 3:
                    return "@since(version = 1.1.0)\n    @deprecated(version = 1.2.0)";
                default:
                    return null;
            }
        }

        Iface iface(String name, List<Iface> earlier) {
            Scope scope = new Scope(r);
            List<String> named = new ArrayList<>();
            List<String> resources = new ArrayList<>();
            List<UseItem> uses = new ArrayList<>();
            for (Iface e : earlier) {
                if (e.types.isEmpty() || r.nextInt(3) != 0) {
                    continue;
                }
                List<String[]> names = new ArrayList<>();
                Set<String> picked = new HashSet<>();
                for (int k = 1 + r.nextInt(2); k > 0; k--) {
                    TypeDef t = e.types.get(r.nextInt(e.types.size()));
                    if (!picked.add(t.name)) {
                        continue;
                    }
                    String local = r.nextInt(3) == 0 ? null : t.name;
                    if (local == null || !scope.taken.add(local.toLowerCase(Locale.ROOT))) {
                        local = scope.fresh("renamed");
                        names.add(new String[] {t.name, local});
                    } else {
                        names.add(new String[] {t.name, null});
                    }
                    named.add(local);
                    if (t.kind.equals("resource")) {
                        resources.add(local);
                    }
                }
                uses.add(new UseItem(e.name, names));
            }
            List<TypeDef> types = new ArrayList<>();
            for (int k = r.nextInt(5); k > 0; k--) {
                TypeDef t = typedef(scope, named, resources);
                types.add(t);
                named.add(t.name);
                if (t.kind.equals("resource")) {
                    resources.add(t.name);
                }
            }
            List<Func> funcs = new ArrayList<>();
            for (int k = r.nextInt(4); k > 0; k--) {
                funcs.add(func(scope.fresh(), named, resources, 3));
            }
            return new Iface(name, uses, types, funcs, doc());
        }

        TypeDef typedef(Scope scope, List<String> named, List<String> resources) {
            String name = scope.fresh();
            switch (r.nextInt(6)) {
                case 0:
                    return new TypeDef("type", name, List.of(), ty(named, 3), null, doc());
                case 1: {
                    Scope fs = new Scope(r);
                    List<Field> fields = new ArrayList<>();
                    for (int k = 1 + r.nextInt(4); k > 0; k--) {
                        fields.add(new Field(fs.fresh(), ty(named, 2)));
                    }
                    return new TypeDef("record", name, fields, null, null, doc());
                }
                case 2: {
                    Scope fs = new Scope(r);
                    List<Field> cases = new ArrayList<>();
                    for (int k = 1 + r.nextInt(4); k > 0; k--) {
                        cases.add(new Field(fs.fresh(), r.nextBoolean() ? ty(named, 2) : null));
                    }
                    return new TypeDef("variant", name, cases, null, null, doc());
                }
                case 3:
                case 4: {
                    Scope fs = new Scope(r);
                    List<Field> cases = new ArrayList<>();
                    for (int k = 1 + r.nextInt(5); k > 0; k--) {
                        cases.add(new Field(fs.fresh(), null));
                    }
                    return new TypeDef(r.nextBoolean() ? "enum" : "flags", name, cases, null, null, doc());
                }
                default: {
                    if (r.nextBoolean()) {
                        return new TypeDef("resource", name, List.of(), null, null, doc());
                    }
                    List<String> withSelf = new ArrayList<>(named);
                    withSelf.add(name);
                    List<String> res = new ArrayList<>(resources);
                    res.add(name);
                    Scope ms = new Scope(r);
                    ms.taken.add(name.toLowerCase(Locale.ROOT));
                    boolean ctor = r.nextBoolean();
                    List<Field> ctorParams = ctor ? params(withSelf, res, 2) : List.of();
                    List<Func> methods = new ArrayList<>();
                    for (int k = r.nextInt(3); k > 0; k--) {
                        methods.add(func(ms.fresh(), withSelf, res, 2));
                    }
                    List<Func> statics = new ArrayList<>();
                    for (int k = r.nextInt(2); k > 0; k--) {
                        statics.add(func(ms.fresh(), withSelf, res, 2));
                    }
                    return new TypeDef("resource", name, List.of(),
                            null, new Resource(ctor, ctorParams, ctor && r.nextBoolean(), methods, statics), doc());
                }
            }
        }

        List<Field> params(List<String> named, List<String> resources, int depth) {
            Scope ps = new Scope(r);
            ps.taken.add("self");
            List<Field> params = new ArrayList<>();
            for (int k = r.nextInt(4); k > 0; k--) {
                Ty t = !resources.isEmpty() && r.nextInt(4) == 0
                        ? new Borrow(resources.get(r.nextInt(resources.size())))
                        : ty(named, depth);
                params.add(new Field(ps.fresh(), t));
            }
            return params;
        }

        Func func(String name, List<String> named, List<String> resources, int depth) {
            List<Field> params = params(named, resources, depth);
            Ty result = r.nextBoolean() ? ty(named, depth) : null;
            return new Func(name, params, result, r.nextInt(4) == 0, gate(), doc());
        }

        Ty ty(List<String> named, int depth) {
            int choice = r.nextInt(depth <= 0 ? 2 : 12);
            switch (choice) {
                case 0:
                    return new Prim(PRIMS[r.nextInt(PRIMS.length)]);
                case 1:
                    return named.isEmpty() ? new Prim(PRIMS[r.nextInt(PRIMS.length)])
                            : new Named(named.get(r.nextInt(named.size())));
                case 2:
                    return new Generic("list", List.of(ty(named, depth - 1)), null);
                case 3:
                    return new Generic("list", List.of(ty(named, depth - 1)), String.valueOf(1 + r.nextInt(16)));
                case 4:
                    return new Generic("option", List.of(ty(named, depth - 1)), null);
                case 5: {
                    int shape = r.nextInt(4);
                    return new ResultTy(shape == 0 || shape == 1 ? ty(named, depth - 1) : null,
                            shape == 0 || shape == 2 ? ty(named, depth - 1) : null);
                }
                case 6: {
                    List<Ty> items = new ArrayList<>();
                    for (int k = 1 + r.nextInt(3); k > 0; k--) {
                        items.add(ty(named, depth - 1));
                    }
                    return new Generic("tuple", items, null);
                }
                case 7:
                    return new Generic("map", List.of(new Prim(KEY_TYPES[r.nextInt(KEY_TYPES.length)]),
                            ty(named, depth - 1)), null);
                case 8:
                    return new Generic("future", r.nextBoolean() ? List.of(ty(named, depth - 1)) : List.of(), null);
                case 9: {
                    if (r.nextBoolean()) {
                        return new Generic("stream", List.of(), null);
                    }
                    Ty item = ty(named, depth - 1);
                    // Binary.md temporarily rejects stream<char>; keep generated packages valid.
                    if (item instanceof Prim prim && prim.name().equals("char")) {
                        item = new Prim("u32");
                    }
                    return new Generic("stream", List.of(item), null);
                }
                default:
                    return new Prim(PRIMS[r.nextInt(PRIMS.length)]);
            }
        }
    }
}
