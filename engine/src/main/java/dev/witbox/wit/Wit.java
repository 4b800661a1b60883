package dev.witbox.wit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Entry points: load WIT from a file or a package folder, or parse one file's text.
 *
 * <p>A folder is one package made of its {@code *.wit} files (in file-name order) plus a
 * {@code deps/} folder whose entries are each a {@code .wit} file, a folder of {@code .wit} files
 * (their own {@code deps/} folders are not consulted) or a binary WIT package ({@code .wasm}, read
 * through the {@link BinaryWitReader} the engine provides; a {@code .wat} one is refused). Any file may also define further packages
 * inline with {@code package ns:name { ... }}. A file that has no {@code package ns:name;} header
 * but only nested package blocks has the last block as its root package.
 *
 * <p>Every problem is reported as a {@link WitException}.
 */
public final class Wit {

    private Wit() {
    }

    /** Loads a {@code .wit} file or a package folder (with its {@code deps/}). */
    public static Resolve load(Path path, WitOptions options) {
        if (path == null) {
            throw new WitException(new WitDiagnostic("<input>", 0, 0, "no path given", ""));
        }
        WitOptions opts = options == null ? WitOptions.defaults() : options;
        if (Files.isDirectory(path)) {
            return loadDir(path, opts);
        }
        if (!Files.isRegularFile(path)) {
            throw new WitException(new WitDiagnostic(path.toString(), 0, 0, "no such file or folder", ""));
        }
        if (isBinaryWit(path)) {
            Group g = binaryGroup(path);
            return resolveAll(List.of(g), g, opts, "a binary WIT package carries the parts of others it uses");
        }
        refuseWat(path);
        SourceFile src = read(path);
        Group g = group(List.of(Parser.parse(src)), src);
        return resolveAll(List.of(g), g, opts, "it is not defined in " + path.getFileName()
                + " (define it inline with 'package ns:name { ... }', or load a folder with a deps/ folder)");
    }

    /** Parses and resolves one file's text. */
    public static Resolve parse(String fileName, String source, WitOptions options) {
        WitOptions opts = options == null ? WitOptions.defaults() : options;
        SourceFile src = new SourceFile(fileName, source == null ? "" : source);
        Group g = group(List.of(Parser.parse(src)), src);
        return resolveAll(List.of(g), g, opts, "it is not defined in " + src.name
                + " (define it inline with 'package ns:name { ... }')");
    }

    // ------------------------------------------------------------------ files

    private static SourceFile read(Path path) {
        return new SourceFile(path.toString(), decode(path.toString(), readBytes(path)));
    }

    private static byte[] readBytes(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException | RuntimeException e) {
            throw new WitException(new WitDiagnostic(path.toString(), 0, 0, "cannot read file: " + e.getMessage(), ""));
        }
    }

    /** Strict UTF-8 decoding with a located error. */
    static String decode(String name, byte[] bytes) {
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult r = dec.decode(in, out, true);
        if (!r.isError()) {
            r = dec.flush(out);
        }
        if (r.isError()) {
            out.flip();
            String good = out.toString();
            SourceFile partial = new SourceFile(name, good);
            throw new WitException(partial.diagnostic(good.length(),
                    String.format("invalid UTF-8 (byte 0x%02x at byte offset %d)", bytes[in.position()] & 0xff,
                            in.position())));
        }
        out.flip();
        return out.toString();
    }

    private static List<Path> witFiles(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".wit") && Files.isRegularFile(p)).sorted(
                    (a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString())).toList();
        } catch (IOException | RuntimeException e) {
            throw new WitException(new WitDiagnostic(dir.toString(), 0, 0, "cannot list folder: " + e.getMessage(), ""));
        }
    }

    private static Resolve loadDir(Path dir, WitOptions opts) {
        List<Path> rootFiles = witFiles(dir);
        if (rootFiles.isEmpty()) {
            throw new WitException(new WitDiagnostic(dir.toString(), 0, 0, "no .wit files in folder", ""));
        }
        List<Ast.File> files = new ArrayList<>();
        for (Path p : rootFiles) {
            files.add(Parser.parse(read(p)));
        }
        Group root = group(files, files.get(0).source());
        List<Group> groups = new ArrayList<>();
        Path deps = dir.resolve("deps");
        if (Files.isDirectory(deps)) {
            List<Path> entries;
            try (Stream<Path> s = Files.list(deps)) {
                entries = s.sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString())).toList();
            } catch (IOException | RuntimeException e) {
                throw new WitException(new WitDiagnostic(deps.toString(), 0, 0, "cannot list folder: " + e.getMessage(),
                        ""));
            }
            for (Path e : entries) {
                if (Files.isDirectory(e)) {
                    List<Path> fs = witFiles(e);
                    if (fs.isEmpty()) {
                        continue;
                    }
                    List<Ast.File> parsed = new ArrayList<>();
                    for (Path p : fs) {
                        parsed.add(Parser.parse(read(p)));
                    }
                    groups.add(group(parsed, parsed.get(0).source()));
                } else if (e.getFileName().toString().endsWith(".wit") && Files.isRegularFile(e)) {
                    SourceFile src = read(e);
                    groups.add(group(List.of(Parser.parse(src)), src));
                } else if (isBinaryWit(e)) {
                    groups.add(binaryGroup(e));
                } else {
                    refuseWat(e);
                }
            }
        }
        groups.add(root);
        return resolveAll(groups, root, opts, "looked in " + deps + " (a folder per package or a .wit file per package)");
    }

    // ------------------------------------------------------------------ binary WIT

    private static boolean isBinaryWit(Path p) {
        return p.getFileName().toString().endsWith(".wasm") && Files.isRegularFile(p);
    }

    /** A WIT package in WebAssembly text: there is no WAT parser on the JVM side, so say how to convert it. */
    private static void refuseWat(Path p) {
        if (p.getFileName().toString().endsWith(".wat") && Files.isRegularFile(p)) {
            String name = p.getFileName().toString();
            String wasm = name.substring(0, name.length() - 4) + ".wasm";
            throw new WitException(new WitDiagnostic(p.toString(), 0, 0, "a WIT package in WebAssembly text format "
                    + "(.wat) cannot be read: witbox reads binary WIT packages; convert it with 'wasm-tools parse "
                    + name + " -o " + wasm + "' (or jco's parse) and delete the .wat", ""));
        }
    }

    /**
     * The packages of a binary WIT package: its own (complete) package, and the parts of the packages
     * it uses, which are "partial": a definition of the same package from elsewhere replaces them.
     */
    private static Group binaryGroup(Path path) {
        byte[] bytes = readBytes(path);
        BinaryWitReader reader = ServiceLoader.load(BinaryWitReader.class, Wit.class.getClassLoader()).findFirst()
                .orElseThrow(() -> new WitException(new WitDiagnostic(path.toString(), 0, 0,
                        "a binary WIT package needs witbox-engine's component decoder, which is not on the class path",
                        "")));
        String text;
        try {
            text = reader.witText(bytes);
        } catch (IllegalArgumentException e) {
            // the decoder's own "not a binary WIT package: ..." already says it; a malformed binary does not
            String prefix = "not a binary WIT package: ";
            String why = String.valueOf(e.getMessage());
            throw new WitException(new WitDiagnostic(path.toString(), 0, 0, why.startsWith(prefix) ? why : prefix + why, ""));
        }
        SourceFile src = new SourceFile(path + " (decoded)", text);
        Group g = group(List.of(Parser.parse(src)), src);
        List<Unit> units = new ArrayList<>();
        for (Unit u : g.units()) {
            units.add(u == g.main() ? u : u.asPartial());
        }
        return new Group(units, g.main());
    }

    /**
     * Drops the partial packages a binary WIT package carries when the package is defined in full
     * elsewhere, or by an earlier partial copy (wit-parser merges such copies into one package).
     */
    private static List<Unit> withoutRedundantPartials(List<Unit> units) {
        Set<String> full = new HashSet<>();
        for (Unit u : units) {
            if (!u.partial()) {
                full.add(u.name().toString());
            }
        }
        Set<String> seen = new HashSet<>();
        List<Unit> out = new ArrayList<>();
        for (Unit u : units) {
            String key = u.name().toString();
            if (u.partial() && (full.contains(key) || !seen.add(key))) {
                continue;
            }
            out.add(u);
        }
        return out;
    }

    // ------------------------------------------------------------------ grouping

    /** One package to resolve. */
    /** {@code pos} is the {@code package} keyword, {@code namePos} the package name after it. */
    private record Unit(PackageName name, List<PackageResolver.Part> parts, String docs, SourceFile src, int pos,
            int namePos, boolean partial) {

        Unit(PackageName name, List<PackageResolver.Part> parts, String docs, SourceFile src, int pos, int namePos) {
            this(name, parts, docs, src, pos, namePos, false);
        }

        Unit asPartial() {
            return new Unit(name, parts, docs, src, pos, namePos, true);
        }
    }

    /** The packages defined by one file or folder: its main package and inline ones. */
    private record Group(List<Unit> units, Unit main) {
    }

    private static PackageName packageName(Ast.PackageDecl d) {
        return new PackageName(d.namespace().name(), d.name().name(), d.version() == null ? null : d.version().version());
    }

    private static Group group(List<Ast.File> files, SourceFile first) {
        Ast.PackageDecl header = null;
        SourceFile headerSrc = null;
        SourceFile docsSrc = null;
        for (Ast.File f : files) {
            if (f.header() == null) {
                continue;
            }
            if (!f.header().docs().isEmpty()) {
                if (docsSrc != null) {
                    // wit-parser: "found doc comments on multiple 'package' items"; the package has one doc
                    throw new WitException(f.source().diagnostic(f.header().namespace().pos(), "doc comments on the 'package' "
                            + "declaration here and in " + docsSrc.name + ": a package has one doc comment, "
                            + "so write it in one file only"));
                }
                docsSrc = f.source();
            }
            if (header == null) {
                header = f.header();
                headerSrc = f.source();
            } else if (!packageName(header).equals(packageName(f.header()))) {
                throw new WitException(f.source().diagnostic(f.header().namespace().pos(), "package '"
                        + f.header().display()
                        + "' does not match package '" + header.display() + "' declared in " + headerSrc.name));
            }
        }
        List<Unit> units = new ArrayList<>();
        for (Ast.File f : files) {
            for (Ast.NestedPackage np : f.nested()) {
                units.add(new Unit(packageName(np.decl()), List.of(new PackageResolver.Part(f.source(), np.items())),
                        np.decl().docs(), f.source(), np.decl().pos(), np.decl().namespace().pos()));
            }
        }
        Unit main;
        if (header != null) {
            List<PackageResolver.Part> parts = new ArrayList<>();
            StringBuilder docs = new StringBuilder();
            for (Ast.File f : files) {
                parts.add(new PackageResolver.Part(f.source(), f.items()));
                if (f.header() != null && !f.header().docs().isEmpty() && docs.length() == 0) {
                    docs.append(f.header().docs());
                }
            }
            main = new Unit(packageName(header), parts, docs.toString(), headerSrc, header.pos(),
                    header.namespace().pos());
            units.add(main);
        } else {
            for (Ast.File f : files) {
                if (!f.items().isEmpty()) {
                    throw new WitException(f.source().diagnostic(itemPos(f.items().get(0)),
                            "no package declaration: start the file with 'package namespace:name;'"));
                }
            }
            if (units.isEmpty()) {
                throw new WitException(first.diagnostic(first.text.length(),
                        "no package declaration: start the file with 'package namespace:name;'"));
            }
            main = units.get(units.size() - 1);
        }
        return new Group(units, main);
    }

    private static int itemPos(Ast.Item item) {
        if (item instanceof Ast.TopUse u) {
            return u.pos();
        }
        if (item instanceof Ast.InterfaceDef d) {
            return d.pos();
        }
        return ((Ast.WorldDef) item).pos();
    }

    // ------------------------------------------------------------------ resolution

    private static Resolve resolveAll(List<Group> groups, Group rootGroup, WitOptions opts, String hint) {
        List<Unit> collected = new ArrayList<>();
        for (Group g : groups) {
            if (g != rootGroup) {
                collected.addAll(g.units());
            }
        }
        for (Unit u : rootGroup.units()) {
            if (u != rootGroup.main()) {
                collected.add(u);
            }
        }
        collected.add(rootGroup.main());
        List<Unit> units = withoutRedundantPartials(collected);
        Map<String, List<Integer>> byName = new HashMap<>();
        for (int i = 0; i < units.size(); i++) {
            byName.computeIfAbsent(units.get(i).name().toString(), k -> new ArrayList<>()).add(i);
        }
        List<List<Integer>> deps = new ArrayList<>();
        for (int i = 0; i < units.size(); i++) {
            Set<String> refs = new LinkedHashSet<>();
            for (PackageResolver.Part p : units.get(i).parts()) {
                collectPackageRefs(p.items(), refs);
            }
            List<Integer> ds = new ArrayList<>();
            String self = units.get(i).name().toString();
            for (String r : refs) {
                if (r.equals(self)) {
                    continue;
                }
                for (int j : byName.getOrDefault(r, List.of())) {
                    ds.add(j);
                }
            }
            deps.add(ds);
        }
        List<Integer> order;
        try {
            order = Topo.sort(units.size(), deps);
        } catch (Topo.Cycle c) {
            Unit u = units.get(c.path.get(0));
            String through = c.through(k -> "'" + units.get(k).name() + "'");
            throw new WitException(u.src().diagnostic(u.pos(), "package '" + u.name() + "' depends on itself through "
                    + through + " (a cycle)"));
        }
        Env env = new Env(opts, hint);
        List<WitPackage> packages = new ArrayList<>();
        List<Interface> topo = new ArrayList<>();
        Map<String, Unit> firstUnit = new HashMap<>();
        WitPackage root = null;
        for (int i : order) {
            Unit u = units.get(i);
            Diags diags = new Diags();
            PackageResolver pr = new PackageResolver(env, diags, u.name(), u.parts(), u.docs());
            WitPackage p = pr.resolve();
            diags.throwIfAny();
            String key = u.name().toString();
            WitPackage prev = env.packages.get(key);
            if (prev != null) {
                // even with the same contents: wit-parser ("defined in two different locations") keeps one
                // definition per package, so a dependency cannot be vendored twice
                Unit f = firstUnit.get(key);
                throw new WitException(u.src().diagnostic(u.namePos(), "package '" + key
                        + "' is defined more than once (also in " + f.src().name + "); keep one definition"));
            } else {
                env.packages.put(key, p);
                firstUnit.put(key, u);
                packages.add(p);
                topo.addAll(pr.topoOrder);
            }
            if (u == rootGroup.main()) {
                root = p;
            }
        }
        return new Resolve(packages, root, topo);
    }

    private static void collectPackageRefs(List<Ast.Item> items, Set<String> out) {
        for (Ast.Item it : items) {
            if (it instanceof Ast.TopUse u) {
                ref(u.path(), out);
            } else if (it instanceof Ast.InterfaceDef d) {
                interfaceRefs(d.items(), out);
            } else if (it instanceof Ast.WorldDef w) {
                for (Ast.WorldItem wi : w.items()) {
                    if (wi instanceof Ast.UseItem u) {
                        ref(u.path(), out);
                    } else if (wi instanceof Ast.Include inc) {
                        ref(inc.path(), out);
                    } else if (wi instanceof Ast.ImportExport ie) {
                        if (ie.kind() instanceof Ast.PathExtern pe) {
                            ref(pe.path(), out);
                        } else if (ie.kind() instanceof Ast.InlineInterfaceExtern inl) {
                            interfaceRefs(inl.items(), out);
                        }
                    }
                }
            }
        }
    }

    private static void interfaceRefs(List<Ast.InterfaceItem> items, Set<String> out) {
        for (Ast.InterfaceItem ii : items) {
            if (ii instanceof Ast.UseItem u) {
                ref(u.path(), out);
            }
        }
    }

    private static void ref(Ast.UsePath p, Set<String> out) {
        if (p instanceof Ast.ForeignPath fp) {
            out.add(fp.packageDisplay());
        }
    }
}
