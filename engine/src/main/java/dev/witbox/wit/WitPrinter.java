package dev.witbox.wit;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints resolved WIT back as canonical, re-parseable text. Parsing the output gives a model equal
 * to the printed one.
 *
 * <h2>Layout rules</h2>
 * <ul>
 * <li>Indentation is 2 spaces per level; every line ends with {@code \n}; no trailing spaces; the
 * output ends with exactly one newline.</li>
 * <li>One package: {@code package ns:name@ver;}, a blank line, then its items. Several packages:
 * the root package first in that same header form ({@code package root:pkg@ver;} and its items),
 * then every other package as a nested {@code package ns:name@ver { ... }} block, dependencies in
 * topological order (dependencies before their dependents), each block preceded by a blank line
 * and its items indented one level. WIT.md: a root file starts with its {@code package ...;}
 * header and carries its dependencies inline as nested blocks, which may follow the header's
 * items; parsing the output again therefore picks the same root.</li>
 * <li>A package's items: all its interfaces in source order, then all its worlds in source order
 * (files of a folder in file-name order), separated by one blank line.</li>
 * <li>Top-level {@code use} statements are resolved away. References to an interface of the same
 * package are printed as its bare name; to any other package fully qualified as
 * {@code ns:pkg/name@ver}.</li>
 * <li>Before any item: its doc comment as {@code ///} lines ({@code /// text}, or {@code ///} for
 * an empty line), then its gate on its own line ({@code @since(version = v)} or
 * {@code @unstable(feature = f)}), then {@code @deprecated(version = v)} on its own line, then
 * {@code @external-id("...")} on its own line.</li>
 * <li>An empty interface or world body is printed {@code {}} on the same line.</li>
 * <li>Interface bodies have up to three sections, in this order, separated by one blank line
 * (no blank lines inside a section): {@code use} statements in source order; type definitions in
 * source order; freestanding functions in source order.</li>
 * <li>{@code use} is printed {@code use iface.{a, b as c};} with names in source order.</li>
 * <li>Records, variants, enums and flags print one field/case per line, each followed by a comma.
 * Fields and cases with docs get their {@code ///} lines above them.</li>
 * <li>A resource without functions prints {@code resource r;}; otherwise {@code resource r {}
 * with its constructor, methods and static functions in source order, one per line. The
 * implicit {@code self} parameter of methods is not printed; an infallible constructor prints
 * no result, a fallible one prints {@code -> result<...>}.</li>
 * <li>Functions: {@code name: func(a: t, b: u) -> r;}, with {@code async} before {@code func},
 * and {@code static} before that for static resource functions.</li>
 * <li>Types: owned handles print as the bare resource name (never {@code own<r>}); borrows as
 * {@code borrow<r>}; {@code result} in its four shapes {@code result}, {@code result<T>},
 * {@code result<_, E>}, {@code result<T, E>}; fixed lists {@code list<T, N>}; a type is printed by
 * the name under which it is visible in the enclosing interface or world.</li>
 * <li>Worlds are printed elaborated: includes are merged, and every interface an import or export
 * needs is an explicit import. World bodies have up to six sections in this order, separated by
 * one blank line: interface imports (dependencies first); {@code use} statements; type
 * definitions; function imports; interface exports (dependencies first); function exports.
 * Interface imports/exports print as {@code import ns:pkg/iface@v;}, {@code import name: iface;}
 * or {@code import name: interface { ... }} (an inline body is indented one more level).</li>
 * <li>Identifiers that are keywords are written with a leading {@code %}.</li>
 * </ul>
 */
public final class WitPrinter {

    private final StringBuilder out = new StringBuilder();
    private int indent;
    private WitPackage current;

    private WitPrinter() {
    }

    /** Prints all packages of a resolve (see the class documentation). */
    public static String print(Resolve resolve) {
        WitPrinter p = new WitPrinter();
        List<WitPackage> pkgs = new ArrayList<>(resolve.packages());
        if (pkgs.size() == 1) {
            p.packageFile(pkgs.get(0));
        } else if (pkgs.remove(resolve.root())) {
            // the root in header form, then the others (in dependency order) as nested blocks
            p.packageFile(resolve.root());
            for (WitPackage dep : pkgs) {
                p.out.append('\n');
                p.packageBlock(dep);
            }
        } else {
            for (int i = 0; i < pkgs.size(); i++) {
                if (i > 0) {
                    p.out.append('\n');
                }
                p.packageBlock(pkgs.get(i));
            }
        }
        return p.out.toString();
    }

    /** Prints one package with a {@code package ns:name;} header. */
    public static String print(WitPackage pkg) {
        WitPrinter p = new WitPrinter();
        p.packageFile(pkg);
        return p.out.toString();
    }

    /** Prints one interface (as it would appear in its package). */
    public static String print(Interface iface) {
        WitPrinter p = new WitPrinter();
        p.current = iface.pkg();
        p.iface(iface);
        return p.out.toString();
    }

    /** Prints one world (as it would appear in its package). */
    public static String print(World world) {
        WitPrinter p = new WitPrinter();
        p.current = world.pkg();
        p.world(world);
        return p.out.toString();
    }

    /** Renders a type as WIT, naming definitions by their own names. */
    public static String print(Type type) {
        WitPrinter p = new WitPrinter();
        p.type(type, NameScope.of(Map.of()));
        return p.out.toString();
    }

    // ------------------------------------------------------------------ packages

    private void packageFile(WitPackage pkg) {
        current = pkg;
        docs(pkg.docs());
        line("package " + pkgName(pkg.name()) + ";");
        List<Runnable> items = items(pkg);
        for (Runnable r : items) {
            out.append('\n');
            r.run();
        }
    }

    private void packageBlock(WitPackage pkg) {
        current = pkg;
        docs(pkg.docs());
        List<Runnable> items = items(pkg);
        if (items.isEmpty()) {
            line("package " + pkgName(pkg.name()) + " {}");
            return;
        }
        line("package " + pkgName(pkg.name()) + " {");
        indent++;
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.append('\n');
            }
            items.get(i).run();
        }
        indent--;
        line("}");
    }

    private List<Runnable> items(WitPackage pkg) {
        List<Runnable> items = new ArrayList<>();
        for (Interface i : pkg.interfaces()) {
            items.add(() -> iface(i));
        }
        for (World w : pkg.worlds()) {
            items.add(() -> world(w));
        }
        return items;
    }

    private static String pkgName(PackageName n) {
        return Names.escape(n.namespace()) + ":" + Names.escape(n.name()) + (n.version() == null ? "" : "@" + n.version());
    }

    // ------------------------------------------------------------------ interfaces

    private void iface(Interface i) {
        docs(i.docs());
        gates(i.stability(), null);
        String head = "interface " + Names.escape(i.name());
        interfaceBody(head, i);
    }

    /** Prints {@code head {...}} for an interface body. */
    private void interfaceBody(String head, Interface i) {
        NameScope names = NameScope.of(i.scope());
        List<Runnable> sections = new ArrayList<>();
        if (!i.uses().isEmpty()) {
            sections.add(() -> i.uses().forEach(this::use));
        }
        if (!i.types().isEmpty()) {
            sections.add(() -> i.types().forEach(t -> typeDef(t, names)));
        }
        if (!i.functions().isEmpty()) {
            sections.add(() -> i.functions().forEach(f -> function(f, names, null)));
        }
        body(head, sections);
    }

    private void body(String head, List<Runnable> sections) {
        if (sections.isEmpty()) {
            line(head + " {}");
            return;
        }
        line(head + " {");
        indent++;
        for (int k = 0; k < sections.size(); k++) {
            if (k > 0) {
                out.append('\n');
            }
            sections.get(k).run();
        }
        indent--;
        line("}");
    }

    /** The type names visible in an interface or world. */
    private record NameScope(Map<TypeDef, String> byDef, Map<String, TypeDef> byName) {
        static NameScope of(Map<String, TypeDef> scope) {
            Map<TypeDef, String> m = new IdentityHashMap<>();
            for (Map.Entry<String, TypeDef> e : scope.entrySet()) {
                m.putIfAbsent(e.getValue(), e.getKey());
            }
            return new NameScope(m, scope);
        }

        /** The name to print for a reference to {@code d} written as {@code via} (null: by its own name). */
        String name(TypeDef d, String via) {
            if (via != null && byName.get(via) == d) {
                return via;
            }
            return byDef.getOrDefault(d, d.name());
        }
    }

    private void use(Use u) {
        gates(u.stability(), null);
        StringBuilder sb = new StringBuilder("use ").append(ifaceRef(u.from())).append(".{");
        for (int k = 0; k < u.names().size(); k++) {
            Use.UseName n = u.names().get(k);
            if (k > 0) {
                sb.append(", ");
            }
            sb.append(Names.escape(n.name()));
            if (!n.localName().equals(n.name())) {
                sb.append(" as ").append(Names.escape(n.localName()));
            }
        }
        line(sb.append("};").toString());
    }

    private String ifaceRef(Interface i) {
        if (i.pkg().name().equals(current.name())) {
            return Names.escape(i.name());
        }
        PackageName n = i.pkg().name();
        return Names.escape(n.namespace()) + ":" + Names.escape(n.name()) + "/" + Names.escape(i.name())
                + (n.version() == null ? "" : "@" + n.version());
    }

    // ------------------------------------------------------------------ types

    private void typeDef(TypeDef t, NameScope names) {
        docs(t.docs());
        gates(t.stability(), t.externalId());
        String n = Names.escape(t.name());
        TypeDefKind k = t.kind();
        if (k instanceof TypeDefKind.Alias a) {
            line("type " + n + " = " + typeString(a.target(), names) + ";");
        } else if (k instanceof TypeDefKind.Record r) {
            line("record " + n + " {");
            indent++;
            for (TypeDefKind.Field f : r.fields()) {
                docs(f.docs());
                line(Names.escape(f.name()) + ": " + typeString(f.type(), names) + ",");
            }
            indent--;
            line("}");
        } else if (k instanceof TypeDefKind.Variant v) {
            line("variant " + n + " {");
            indent++;
            for (TypeDefKind.Case c : v.cases()) {
                docs(c.docs());
                line(Names.escape(c.name()) + (c.type() == null ? "" : "(" + typeString(c.type(), names) + ")") + ",");
            }
            indent--;
            line("}");
        } else if (k instanceof TypeDefKind.Enum e) {
            line("enum " + n + " {");
            indent++;
            for (TypeDefKind.EnumCase c : e.cases()) {
                docs(c.docs());
                line(Names.escape(c.name()) + ",");
            }
            indent--;
            line("}");
        } else if (k instanceof TypeDefKind.Flags fl) {
            line("flags " + n + " {");
            indent++;
            for (TypeDefKind.Flag c : fl.flags()) {
                docs(c.docs());
                line(Names.escape(c.name()) + ",");
            }
            indent--;
            line("}");
        } else if (k instanceof TypeDefKind.Resource r) {
            if (r.functions().isEmpty()) {
                line("resource " + n + ";");
            } else {
                line("resource " + n + " {");
                indent++;
                for (Function f : r.functions()) {
                    function(f, names, null);
                }
                indent--;
                line("}");
            }
        }
    }

    private String typeString(Type t, NameScope names) {
        WitPrinter p = new WitPrinter();
        p.type(t, names);
        return p.out.toString();
    }

    private void type(Type t, NameScope names) {
        if (t instanceof Type.Primitive p) {
            out.append(p.witName());
        } else if (t instanceof Type.Named n) {
            out.append(Names.escape(names.name(n.def(), n.via())));
        } else if (t instanceof Type.Own o) {
            out.append(Names.escape(names.name(o.resource(), o.via())));
        } else if (t instanceof Type.Borrow b) {
            out.append("borrow<").append(Names.escape(names.name(b.resource(), b.via()))).append('>');
        } else if (t instanceof Type.ListType l) {
            out.append("list<");
            type(l.element(), names);
            out.append('>');
        } else if (t instanceof Type.FixedListType l) {
            out.append("list<");
            type(l.element(), names);
            out.append(", ").append(l.length()).append('>');
        } else if (t instanceof Type.OptionType o) {
            out.append("option<");
            type(o.element(), names);
            out.append('>');
        } else if (t instanceof Type.ResultType r) {
            out.append("result");
            if (r.ok() != null || r.err() != null) {
                out.append('<');
                if (r.ok() == null) {
                    out.append('_');
                } else {
                    type(r.ok(), names);
                }
                if (r.err() != null) {
                    out.append(", ");
                    type(r.err(), names);
                }
                out.append('>');
            }
        } else if (t instanceof Type.TupleType tt) {
            out.append("tuple<");
            for (int k = 0; k < tt.elements().size(); k++) {
                if (k > 0) {
                    out.append(", ");
                }
                type(tt.elements().get(k), names);
            }
            out.append('>');
        } else if (t instanceof Type.MapType m) {
            out.append("map<");
            type(m.key(), names);
            out.append(", ");
            type(m.value(), names);
            out.append('>');
        } else if (t instanceof Type.FutureType f) {
            out.append("future");
            if (f.element() != null) {
                out.append('<');
                type(f.element(), names);
                out.append('>');
            }
        } else if (t instanceof Type.StreamType s) {
            out.append("stream");
            if (s.element() != null) {
                out.append('<');
                type(s.element(), names);
                out.append('>');
            }
        }
    }

    // ------------------------------------------------------------------ functions

    /** Prints a function item; {@code worldVerb} is "import"/"export" for world functions. */
    private void function(Function f, NameScope names, String worldVerb) {
        docs(f.docs());
        gates(f.stability(), f.externalId());
        StringBuilder sb = new StringBuilder();
        if (worldVerb != null) {
            sb.append(worldVerb).append(' ');
        }
        List<Param> params = f.params();
        if (f.kind() instanceof FunctionKind.Constructor c) {
            sb.append("constructor");
        } else {
            sb.append(Names.escape(f.name())).append(": ");
            if (f.kind() instanceof FunctionKind.Static) {
                sb.append("static ");
            }
            if (f.async()) {
                sb.append("async ");
            }
            sb.append("func");
            if (f.kind() instanceof FunctionKind.Method) {
                params = params.subList(1, params.size());
            }
        }
        sb.append('(');
        for (int k = 0; k < params.size(); k++) {
            if (k > 0) {
                sb.append(", ");
            }
            sb.append(Names.escape(params.get(k).name())).append(": ").append(typeString(params.get(k).type(), names));
        }
        sb.append(')');
        boolean printResult = f.result() != null;
        if (f.kind() instanceof FunctionKind.Constructor && f.result() instanceof Type.Own) {
            printResult = false;
        }
        if (printResult) {
            sb.append(" -> ").append(typeString(f.result(), names));
        }
        line(sb.append(';').toString());
    }

    // ------------------------------------------------------------------ worlds

    private void world(World w) {
        docs(w.docs());
        gates(w.stability(), null);
        NameScope names = NameScope.of(w.scope());
        List<WorldItem> impIfaces = new ArrayList<>();
        List<WorldItem> impFuncs = new ArrayList<>();
        List<WorldItem> expIfaces = new ArrayList<>();
        List<WorldItem> expFuncs = new ArrayList<>();
        for (WorldItem it : w.imports()) {
            (it instanceof WorldItem.InterfaceItem ? impIfaces : impFuncs).add(it);
        }
        for (WorldItem it : w.exports()) {
            (it instanceof WorldItem.InterfaceItem ? expIfaces : expFuncs).add(it);
        }
        List<Runnable> sections = new ArrayList<>();
        if (!impIfaces.isEmpty()) {
            sections.add(() -> impIfaces.forEach(it -> worldItem(it, "import", names)));
        }
        if (!w.uses().isEmpty()) {
            sections.add(() -> w.uses().forEach(this::use));
        }
        if (!w.types().isEmpty()) {
            sections.add(() -> w.types().forEach(t -> typeDef(t, names)));
        }
        if (!impFuncs.isEmpty()) {
            sections.add(() -> impFuncs.forEach(it -> worldItem(it, "import", names)));
        }
        if (!expIfaces.isEmpty()) {
            sections.add(() -> expIfaces.forEach(it -> worldItem(it, "export", names)));
        }
        if (!expFuncs.isEmpty()) {
            sections.add(() -> expFuncs.forEach(it -> worldItem(it, "export", names)));
        }
        body("world " + Names.escape(w.name()), sections);
    }

    private void worldItem(WorldItem it, String verb, NameScope names) {
        if (it instanceof WorldItem.FunctionItem fi) {
            function(fi.function(), names, verb);
            return;
        }
        WorldItem.InterfaceItem ii = (WorldItem.InterfaceItem) it;
        docs(ii.docs());
        gates(ii.stability(), ii.externalId());
        if (ii.name() == null) {
            line(verb + " " + ifaceRef(ii.iface()) + ";");
        } else if (ii.iface().name() != null) {
            line(verb + " " + Names.escape(ii.name()) + ": " + ifaceRef(ii.iface()) + ";");
        } else {
            interfaceBody(verb + " " + Names.escape(ii.name()) + ": interface", ii.iface());
        }
    }

    // ------------------------------------------------------------------ helpers

    private void docs(String docs) {
        if (docs == null || docs.isEmpty()) {
            return;
        }
        for (String l : docs.split("\n", -1)) {
            line(l.isEmpty() ? "///" : "/// " + l);
        }
    }

    private void gates(Stability s, String externalId) {
        if (s instanceof Stability.Since since) {
            line("@since(version = " + since.version() + ")");
        } else if (s instanceof Stability.Unstable u) {
            line("@unstable(feature = " + Names.escape(u.feature()) + ")");
        }
        if (s.deprecated() != null) {
            line("@deprecated(version = " + s.deprecated() + ")");
        }
        if (externalId != null) {
            line("@external-id(" + quote(externalId) + ")");
        }
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length();) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            switch (cp) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> {
                    boolean bad = cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || (cp >= 0x202a && cp <= 0x202e)
                            || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x149 || cp == 0x673 || cp == 0xf77
                            || cp == 0xf79 || (cp >= 0x17a3 && cp <= 0x17a4) || (cp >= 0x17b4 && cp <= 0x17b5)
                            || cp == 0xfeff;
                    if (bad) {
                        sb.append("\\u{").append(Integer.toHexString(cp)).append('}');
                    } else {
                        sb.appendCodePoint(cp);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    private void line(String s) {
        for (int k = 0; k < indent; k++) {
            out.append("  ");
        }
        out.append(s).append('\n');
    }
}
