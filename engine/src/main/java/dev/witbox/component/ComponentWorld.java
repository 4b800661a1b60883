package dev.witbox.component;

import dev.witbox.wit.Resolve;
import dev.witbox.wit.Wit;
import dev.witbox.wit.WitException;
import dev.witbox.wit.WitOptions;
import dev.witbox.wit.WitPrinter;
import dev.witbox.wit.World;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The WIT world of a component, derived from its binary type information: what {@code wasm-tools component
 * wit} (and {@code jco wit}) print.
 *
 * <h2>How</h2>
 * The component's definitions are evaluated in order into type-level values (an abstract interpretation of
 * instantiation that keeps only types): defined value types, function types, instance and component types
 * (instantiated on import, with fresh resource types for each {@code (sub resource)}), nested components
 * (evaluated on {@code instantiate} with their type imports substituted by the arguments, which is how
 * {@code wit-component}'s shim components re-export a component's own resource and value types), aliases,
 * lifts and exports. A type keeps its identity through aliases and instance exports, so a type that an
 * interface exports and another interface or function refers to is recognised as the same type.
 *
 * <p>Then each interface-named import/export instance becomes an {@code interface} in its package
 * ({@code ns:pkg/name@version} → package {@code ns:pkg@version}); each type it exports is defined there
 * (record, variant, enum, flags, resource, or {@code type x = ...}) unless it is a type another interface
 * already defined, which becomes {@code use other.{t}}; its functions become functions, resource functions
 * ({@code [constructor]r}, {@code [method]r.m}, {@code [static]r.m}) go into their resource. Plain-named
 * instances become inline interfaces ({@code import name: interface { ... }}), plain-named functions
 * world-level functions, imported types world-level types. An interface that is both imported and exported
 * is defined once (from the import, as wasm-tools does).
 *
 * <p>The result is written as WIT text (one nested {@code package ... { }} block per package) and resolved
 * with {@link Wit#parse}: the derived world is checked by witbox's own resolver, and
 * {@link WitPrinter} prints it canonically.
 *
 * <h2>Names a component does not carry</h2>
 * A component has no name for its own world or package: like wasm-tools, the world is {@value #DEFAULT_WORLD}
 * in package {@value #DEFAULT_PACKAGE}. Doc comments are not carried either (they would need the
 * {@code package-docs} custom section, which is not read).
 *
 * <h2>WIT packages encoded as components</h2>
 * A component whose only exports are component types (what {@code wit-component}'s embed step writes into
 * a core module's {@code component-type} custom section) is read as an encoded WIT world instead: the
 * exported type {@code (component (export "ns:pkg/world@v" (component ...)))} names the world and its
 * package, and the inner component type's imports and exports are the world's. See {@link #embedded}.
 *
 * <h2>Not expressible (refused with {@link ComponentWorldException})</h2>
 * Exported types at world level, imports/exports of core modules, components or values, and anonymous
 * records, variants, enums, flags or resources (they have no name to be written with).
 */
public final class ComponentWorld {

    /** The package of a component's world: components carry no package name. */
    public static final String DEFAULT_PACKAGE = "root:component";
    /** The name of a component's world: components carry no world name. */
    public static final String DEFAULT_WORLD = "root";

    private final String witText;
    private final Resolve resolve;
    private final World world;

    private ComponentWorld(String witText, Resolve resolve, World world) {
        this.witText = witText;
        this.resolve = resolve;
        this.world = world;
    }

    /** Derives the world of a decoded component. */
    public static ComponentWorld of(Component component) {
        try {
            return derive(component);
        } catch (StackOverflowError e) {
            throw new ComponentWorldException("cannot derive the world: its types are nested too deeply");
        }
    }

    private static ComponentWorld derive(Component component) {
        Deriver d = new Deriver();
        List<Item> imports = new ArrayList<>();
        List<Item> exports = new ArrayList<>();
        d.evalComponent(component, null, Map.of(), imports, exports);
        if (imports.isEmpty() && !exports.isEmpty() && exports.stream().allMatch(Deriver::isEncodedWit)) {
            return d.encodedWorld(exports);
        }
        return d.world(DEFAULT_PACKAGE, DEFAULT_WORLD, imports, exports);
    }

    /**
     * The worlds a core module carries in its {@code component-type*} custom sections (what
     * {@code wit-component}'s embed step writes), in section order; empty if it has none.
     *
     * @throws ComponentDecodeException if such a section does not hold a valid component
     */
    public static List<ComponentWorld> embedded(byte[] coreModule) {
        List<ComponentWorld> out = new ArrayList<>();
        for (CoreModuleInfo.CustomSection s : CoreModuleInfo.read(coreModule).customSections()) {
            if (s.name().startsWith("component-type")) {
                Component c = ComponentDecoder.permissive().decodeComponent(s.data());
                out.add(of(c));
            }
        }
        return out;
    }

    /**
     * The WIT text of a binary WIT package (a component made only of types, as {@code wasm-tools
     * component wit --wasm}, {@code wkg} and wit-component's embed step write it): every interface and
     * world it encodes, in its own package, and the parts of other packages they use, each as a nested
     * {@code package x:y { ... }} block, the encoded package last.
     *
     * @throws ComponentWorldException if the component is not a WIT package or its types are not WIT
     */
    public static String packageText(Component component) {
        Deriver d = new Deriver();
        List<Item> imports = new ArrayList<>();
        List<Item> exports = new ArrayList<>();
        try {
            d.evalComponent(component, null, Map.of(), imports, exports);
            if (!imports.isEmpty() || exports.isEmpty() || !exports.stream().allMatch(Deriver::isEncodedWit)) {
                throw new ComponentWorldException("not a binary WIT package: a WIT package is a component that "
                        + "imports nothing and exports only types, each a component type exporting one interface or "
                        + "world \"ns:pkg/name\"");
            }
            return d.encodedPackage(exports);
        } catch (StackOverflowError e) {
            throw new ComponentWorldException("cannot read the WIT package: its types are nested too deeply");
        }
    }

    /** The resolved WIT: the world's package last (the root), the packages of its interfaces before it. */
    public Resolve resolve() {
        return resolve;
    }

    /** The derived world. */
    public World world() {
        return world;
    }

    /** The WIT text the derivation produced, before resolving (for diagnostics). */
    public String witText() {
        return witText;
    }

    /** The world and the interfaces it uses as canonical WIT ({@link WitPrinter#print(Resolve)}). */
    public String print() {
        return WitPrinter.print(resolve);
    }

    // =====================================================================================================
    // evaluation: type-level values of index-space entries

    /** An index-space entry's value that the derivation does not need (core items, values). */
    private static final Object OPAQUE = new Object() {
        @Override
        public String toString() {
            return "opaque";
        }
    };

    /** A defined (non-primitive) value type; its type references resolve in {@code env}. */
    private record Struct(DefinedType def, Env env) {
        @Override
        public boolean equals(Object o) {
            return this == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }

    /** A type given a name by an import or export; transparent unless an interface or world owns it. */
    private static final class Named {
        final String name;
        final Object target;

        Named(String name, Object target) {
            this.name = name;
            this.target = target;
        }
    }

    /** A resource type: identity is what matters. */
    private static final class Res {
    }

    private record FnT(TypeDef.Func def, Env env) {
    }

    private record InstTmpl(List<Decl> decls, Env env) {
    }

    private record CompTmpl(List<Decl> decls, Env env) {
    }

    private record CompDef(Component component, Env env) {
    }

    private static final class Inst {
        final LinkedHashMap<String, Item> exports = new LinkedHashMap<>();
    }

    private record Item(ExternName name, Sort sort, Object value) {
    }

    private static final class Env {
        final Env parent;
        final EnumMap<Sort, List<Object>> spaces = new EnumMap<>(Sort.class);

        Env(Env parent) {
            this.parent = parent;
            for (Sort s : Sort.values()) {
                spaces.put(s, new ArrayList<>());
            }
        }

        Object get(Sort sort, int index) {
            if (sort.isCore()) {
                return OPAQUE;
            }
            List<Object> l = spaces.get(sort);
            if (index < 0 || index >= l.size()) {
                throw new ComponentWorldException("cannot derive the world: " + sort + " index " + index
                        + " is out of bounds");
            }
            return l.get(index);
        }

        Object type(int index) {
            return get(Sort.TYPE, index);
        }

        void add(Sort sort, Object value) {
            if (!sort.isCore()) {
                spaces.get(sort).add(value);
            }
        }
    }

    // =====================================================================================================

    private static final class Deriver {

        // ------------------------------------------------------------------------------ evaluation

        void evalComponent(Component c, Env parent, Map<String, Item> args, List<Item> imports, List<Item> exports) {
            Env env = new Env(parent);
            for (Section s : c.sections()) {
                if (s instanceof Section.Components cs) {
                    env.add(Sort.COMPONENT, new CompDef(cs.component(), env));
                } else if (s instanceof Section.Instances is) {
                    for (Instance i : is.instances()) {
                        env.add(Sort.INSTANCE, instance(i, env));
                    }
                } else if (s instanceof Section.Aliases as) {
                    for (Alias a : as.aliases()) {
                        alias(a, env);
                    }
                } else if (s instanceof Section.Types ts) {
                    for (TypeDef t : ts.types()) {
                        env.add(Sort.TYPE, typeDef(t, env));
                    }
                } else if (s instanceof Section.Canons cs) {
                    for (Canon canon : cs.canons()) {
                        if (canon instanceof Canon.Lift l) {
                            env.add(Sort.FUNC, env.type(l.typeIndex()));
                        }
                    }
                } else if (s instanceof Section.Imports is) {
                    for (Import i : is.imports()) {
                        addImport(i.name(), i.type(), env, args, imports);
                    }
                } else if (s instanceof Section.Exports es) {
                    for (Export e : es.exports()) {
                        Sort sort = e.target().sort();
                        Object v = env.get(sort, e.target().index());
                        if (e.ascribedType().isPresent() && e.ascribedType().get() instanceof ExternType.Func f) {
                            v = env.type(f.typeIndex());
                        }
                        if (sort == Sort.TYPE) {
                            v = new Named(e.name().name(), v);
                        }
                        env.add(sort, v);
                        exports.add(new Item(e.name(), sort, v));
                    }
                } else if (s instanceof Section.Values vs) {
                    for (int k = 0; k < vs.values().size(); k++) {
                        env.add(Sort.VALUE, OPAQUE);
                    }
                } else if (s instanceof Section.StartSection ss) {
                    for (int k = 0; k < ss.start().results(); k++) {
                        env.add(Sort.VALUE, OPAQUE);
                    }
                }
                // custom sections and core definitions do not affect component-level types
            }
        }

        Object instance(Instance i, Env env) {
            Inst out = new Inst();
            if (i instanceof Instance.Instantiate inst) {
                Map<String, Item> args = new LinkedHashMap<>();
                for (Instance.Arg a : inst.args()) {
                    args.put(a.name(), new Item(ExternName.of(a.name()), a.target().sort(),
                            env.get(a.target().sort(), a.target().index())));
                }
                Object comp = env.get(Sort.COMPONENT, inst.component());
                List<Item> exports = new ArrayList<>();
                if (comp instanceof CompDef def) {
                    evalComponent(def.component(), def.env(), args, new ArrayList<>(), exports);
                } else if (comp instanceof CompTmpl tmpl) {
                    evalDecls(tmpl.decls(), new Env(tmpl.env()), args, new ArrayList<>(), exports);
                } else {
                    return OPAQUE;
                }
                for (Item e : exports) {
                    out.exports.put(e.name().name(), e);
                }
            } else if (i instanceof Instance.FromExports fe) {
                for (Instance.Export e : fe.exports()) {
                    Sort sort = e.target().sort();
                    Object v = env.get(sort, e.target().index());
                    if (sort == Sort.TYPE) {
                        v = new Named(e.name().name(), v);
                    }
                    out.exports.put(e.name().name(), new Item(e.name(), sort, v));
                }
            }
            return out;
        }

        void alias(Alias a, Env env) {
            if (a.sort().isCore()) {
                return;
            }
            if (a instanceof Alias.InstanceExport ie) {
                Object in = env.get(Sort.INSTANCE, ie.instance());
                Item item = in instanceof Inst inst ? inst.exports.get(ie.name()) : null;
                env.add(a.sort(), item == null ? OPAQUE : item.value());
            } else if (a instanceof Alias.Outer o) {
                Env e = env;
                for (int k = 0; k < o.count() && e != null; k++) {
                    e = e.parent;
                }
                if (e == null) {
                    throw new ComponentWorldException("cannot derive the world: outer alias beyond the outermost scope");
                }
                env.add(a.sort(), e.get(a.sort(), o.index()));
            }
        }

        Object typeDef(TypeDef t, Env env) {
            if (t instanceof DefinedType.Primitive p) {
                return p.type();
            } else if (t instanceof DefinedType d) {
                return new Struct(d, env);
            } else if (t instanceof TypeDef.Func f) {
                return new FnT(f, env);
            } else if (t instanceof TypeDef.InstanceType it) {
                return new InstTmpl(it.decls(), env);
            } else if (t instanceof TypeDef.ComponentType ct) {
                return new CompTmpl(ct.decls(), env);
            } else {
                return new Res();
            }
        }

        void evalDecls(List<Decl> decls, Env env, Map<String, Item> args, List<Item> imports, List<Item> exports) {
            for (Decl d : decls) {
                if (d instanceof Decl.TypeDecl td) {
                    env.add(Sort.TYPE, typeDef(td.type(), env));
                } else if (d instanceof Decl.AliasDecl ad) {
                    alias(ad.alias(), env);
                } else if (d instanceof Decl.ImportDecl id) {
                    addImport(id.name(), id.type(), env, args, imports);
                } else if (d instanceof Decl.ExportDecl ed) {
                    Item item = new Item(ed.name(), ed.type().sort(), externValue(ed.name(), ed.type(), env));
                    env.add(item.sort(), item.value());
                    exports.add(item);
                }
            }
        }

        /**
         * Adds an import (of a component or of a component or instance type) to {@code env} and to
         * {@code imports}: the instantiation argument of that name if there is one, else a value of
         * its declared type.
         */
        void addImport(ExternName name, ExternType type, Env env, Map<String, Item> args, List<Item> imports) {
            Item arg = args.get(name.name());
            Item item = new Item(name, type.sort(), arg != null ? arg.value() : externValue(name, type, env));
            env.add(item.sort(), item.value());
            imports.add(item);
        }

        Object externValue(ExternName name, ExternType t, Env env) {
            if (t instanceof ExternType.Func f) {
                return env.type(f.typeIndex());
            } else if (t instanceof ExternType.Instance i) {
                Object tmpl = env.type(i.typeIndex());
                if (tmpl instanceof InstTmpl it) {
                    Inst out = new Inst();
                    List<Item> exports = new ArrayList<>();
                    evalDecls(it.decls(), new Env(it.env()), Map.of(), new ArrayList<>(), exports);
                    for (Item e : exports) {
                        out.exports.put(e.name().name(), e);
                    }
                    return out;
                }
                return OPAQUE;
            } else if (t instanceof ExternType.Type ty) {
                if (ty.bound() instanceof ExternType.Eq eq) {
                    return new Named(name.name(), env.type(eq.typeIndex()));
                }
                return new Named(name.name(), new Res());
            } else if (t instanceof ExternType.Component c) {
                return env.type(c.typeIndex());
            }
            return OPAQUE;
        }

        static boolean isEncodedWit(Item e) {
            return e.sort() == Sort.TYPE && e.value() instanceof Named n && n.target instanceof CompTmpl;
        }

        ComponentWorld encodedWorld(List<Item> exports) {
            for (Item e : exports) {
                CompTmpl outer = (CompTmpl) ((Named) e.value()).target;
                List<Item> inner = new ArrayList<>();
                evalDecls(outer.decls(), new Env(outer.env()), Map.of(), new ArrayList<>(), inner);
                for (Item w : inner) {
                    Optional<InterfaceName> wn = w.name().interfaceName();
                    if (w.sort() == Sort.COMPONENT && w.value() instanceof CompTmpl world && wn.isPresent()) {
                        List<Item> imports = new ArrayList<>();
                        List<Item> worldExports = new ArrayList<>();
                        evalDecls(world.decls(), new Env(world.env()), Map.of(), imports, worldExports);
                        String pkg = wn.get().packageId() + w.name().fullVersion().map(v -> "@" + v).orElse("");
                        return world(pkg, wn.get().interfaceName(), imports, worldExports);
                    }
                }
            }
            throw new ComponentWorldException("cannot derive the world: the component exports only types, but no "
                    + "encoded WIT world (a component type exporting \"ns:pkg/world\")");
        }

        /** Every interface and world of an encoded package, rendered as WIT text (see packageText). */
        String encodedPackage(List<Item> exports) {
            String pkg = null;
            List<String> worldBlocks = new ArrayList<>();
            for (Item e : exports) {
                CompTmpl outer = (CompTmpl) ((Named) e.value()).target;
                List<Item> inner = new ArrayList<>();
                evalDecls(outer.decls(), new Env(outer.env()), Map.of(), new ArrayList<>(), inner);
                if (inner.size() != 1 || inner.get(0).name().interfaceName().isEmpty()) {
                    throw new ComponentWorldException("not a binary WIT package: type export '" + e.name().name()
                            + "' does not export exactly one interface or world named \"ns:pkg/name\"");
                }
                Item item = inner.get(0);
                InterfaceName in = item.name().interfaceName().get();
                String itemPkg = in.packageId() + item.name().fullVersion().map(v -> "@" + v).orElse("");
                if (pkg != null && !pkg.equals(itemPkg)) {
                    throw new ComponentWorldException("not a binary WIT package: it encodes items of two packages, '"
                            + pkg + "' and '" + itemPkg + "'");
                }
                pkg = itemPkg;
                if (item.sort() == Sort.COMPONENT && item.value() instanceof CompTmpl world) {
                    List<Item> imports = new ArrayList<>();
                    List<Item> worldExports = new ArrayList<>();
                    evalDecls(world.decls(), new Env(world.env()), Map.of(), imports, worldExports);
                    worldBlocks.add(worldText(pkg, in.interfaceName(), imports, worldExports));
                } else if (item.sort() == Sort.INSTANCE) {
                    // defining it is all an interface needs: the export line a world would get is dropped
                    worldItem(new Ctx(pkg, in.interfaceName(), true), item, "export", new ArrayList<>());
                } else {
                    throw new ComponentWorldException("not a binary WIT package: '" + item.name().name()
                            + "' is neither an interface (instance type) nor a world (component type)");
                }
            }
            return packagesText(pkg, String.join("", worldBlocks));
        }

        /** One world's block ({@code world name { ... }}, indented for a nested package). */
        String worldText(String pkg, String worldName, List<Item> imports, List<Item> exports) {
            Ctx w = new Ctx(pkg, worldName, true);
            List<String> importLines = new ArrayList<>();
            List<String> exportLines = new ArrayList<>();
            for (Item i : imports) {
                worldItem(w, i, "import", importLines);
            }
            for (Item e : exports) {
                worldItem(w, e, "export", exportLines);
            }
            StringBuilder sb = new StringBuilder("  world ").append(id(worldName)).append(" {\n");
            for (String u : useLines(w)) {
                sb.append("    ").append(u).append('\n');
            }
            for (Object t : w.types) {
                sb.append(indent(typeText(t), "    "));
            }
            for (String l : importLines) {
                sb.append(indent(l, "    "));
            }
            for (String l : exportLines) {
                sb.append(indent(l, "    "));
            }
            return sb.append("  }\n").toString();
        }

        /** The interfaces derived so far, one block per package, {@code pkg} last with {@code worlds} in it. */
        String packagesText(String pkg, String worlds) {
            LinkedHashMap<String, List<Ctx>> byPkg = new LinkedHashMap<>();
            for (Ctx c : interfaces.values()) {
                byPkg.computeIfAbsent(c.pkg, k -> new ArrayList<>()).add(c);
            }
            List<Ctx> own = byPkg.remove(pkg);
            StringBuilder sb = new StringBuilder();
            for (Map.Entry<String, List<Ctx>> p : byPkg.entrySet()) {
                sb.append("package ").append(p.getKey()).append(" {\n");
                for (Ctx c : p.getValue()) {
                    sb.append(interfaceText(c, "  "));
                }
                sb.append("}\n\n");
            }
            sb.append("package ").append(pkg).append(" {\n");
            if (own != null) {
                for (Ctx c : own) {
                    sb.append(interfaceText(c, "  "));
                }
            }
            return sb.append(worlds).append("}\n").toString();
        }

        // ------------------------------------------------------------------------------ rendering

        /** An interface (named or inline) or the world: where type names live. */
        final class Ctx {
            final String pkg;        // "ns:pkg@v" (null for inline interfaces)
            final String name;       // interface or world name
            final boolean world;
            final List<Object> types = new ArrayList<>(); // String or ResourceOut, in order
            final LinkedHashMap<String, ResourceOut> resources = new LinkedHashMap<>();
            final List<String> funcs = new ArrayList<>();
            final LinkedHashMap<String, LinkedHashMap<String, String>> uses = new LinkedHashMap<>();
            final Map<String, Object> typeByName = new LinkedHashMap<>();
            /** Types of other interfaces made visible here by a use: their local names. */
            final Map<Owner, String> visible = new java.util.HashMap<>();

            Ctx(String pkg, String name, boolean world) {
                this.pkg = pkg;
                this.name = name;
                this.world = world;
            }

            String qualified() {
                int at = pkg.indexOf('@');
                return at < 0 ? pkg + "/" + name : pkg.substring(0, at) + "/" + name + pkg.substring(at);
            }

            /** How {@code this} refers to {@code other} in a use path. */
            String pathTo(Ctx other) {
                return other.pkg.equals(pkg) ? id(other.name) : other.qualified();
            }

            boolean isNamedInterface() {
                return !world && pkg != null;
            }
        }

        static final class ResourceOut {
            final String name;
            final List<String> funcs = new ArrayList<>();

            ResourceOut(String name) {
                this.name = name;
            }
        }

        record Owner(Ctx ctx, String name) {
        }

        final IdentityHashMap<Object, Owner> owners = new IdentityHashMap<>();
        final LinkedHashMap<String, Ctx> interfaces = new LinkedHashMap<>(); // by qualified name

        ComponentWorld world(String pkg, String worldName, List<Item> imports, List<Item> exports) {
            String worldBlock = worldText(pkg, worldName, imports, exports);
            String text = packagesText(pkg, worldBlock);
            Resolve resolve;
            try {
                resolve = Wit.parse("<component world>", text, WitOptions.defaults().withAllFeatures());
            } catch (WitException ex) {
                throw new ComponentWorldException("cannot derive the world: the WIT derived from the component does"
                        + " not resolve: " + ex.getMessage(), ex);
            }
            World world = resolve.root().worldNamed(worldName);
            return new ComponentWorld(text, resolve, world);
        }

        void worldItem(Ctx w, Item item, String dir, List<String> lines) {
            ExternName en = item.name();
            String ext = en.externalId().map(x -> "@external-id(" + quote(x) + ")\n").orElse("");
            switch (item.sort()) {
                case INSTANCE -> {
                    if (!(item.value() instanceof Inst inst)) {
                        throw inexpressible(dir, en, "an instance of unknown type");
                    }
                    Optional<InterfaceName> iname = en.implementsName().isPresent()
                            ? Optional.ofNullable(NameRules.parseInterfaceName(en.implementsName().get()))
                            : en.interfaceName();
                    if (iname.isPresent()) {
                        String version = en.implementsName().isPresent()
                                ? iname.get().version().orElse(null)
                                : en.fullVersion().orElse(null);
                        String pkg = iname.get().packageId() + (version == null ? "" : "@" + version);
                        Ctx c = new Ctx(pkg, iname.get().interfaceName(), false);
                        Ctx existing = interfaces.get(c.qualified());
                        if (existing == null) {
                            interfaces.put(c.qualified(), c);
                            fillInterface(c, inst);
                        } else {
                            adopt(existing, inst);
                        }
                        String ref = w.pkg.equals(c.pkg) ? id(c.name) : c.qualified();
                        lines.add(ext + dir + " " + (en.isInterfaceName() ? ref : id(en.name()) + ": " + ref) + ";\n");
                    } else {
                        Ctx c = new Ctx(null, en.name(), false);
                        fillInterface(c, inst);
                        lines.add(ext + dir + " " + id(en.name()) + ": interface {\n"
                                + indent(body(c), "  ") + "}\n");
                    }
                }
                case FUNC -> {
                    FnT f = fn(item, dir, en);
                    String fname = en.name();
                    ResourceOut r = resourceOf(w, fname);
                    if (r != null) {
                        r.funcs.add(resourceFunc(w, fname, f));
                    } else {
                        lines.add(ext + dir + " " + id(fname) + ": " + sig(w, f, false) + ";\n");
                    }
                }
                case TYPE -> {
                    if (!dir.equals("import")) {
                        throw inexpressible(dir, en, "a type exported by a world");
                    }
                    defineType(w, en.name(), (Named) item.value());
                }
                default -> throw inexpressible(dir, en, article(item.sort().text()));
            }
        }

        FnT fn(Item item, String dir, ExternName en) {
            if (item.value() instanceof FnT f) {
                return f;
            }
            throw inexpressible(dir, en, "a function of unknown type");
        }

        ComponentWorldException inexpressible(String dir, ExternName name, String what) {
            return new ComponentWorldException("cannot derive the world: " + dir + " " + name + " is " + what
                    + ", which WIT cannot express");
        }

        void fillInterface(Ctx c, Inst inst) {
            for (Item e : inst.exports.values()) {
                if (e.sort() == Sort.TYPE && e.value() instanceof Named n) {
                    defineType(c, e.name().name(), n);
                }
            }
            for (Item e : inst.exports.values()) {
                if (e.sort() == Sort.FUNC) {
                    FnT f = fn(e, "export", e.name());
                    String fname = e.name().name();
                    ResourceOut r = resourceOf(c, fname);
                    if (r != null) {
                        r.funcs.add(resourceFunc(c, fname, f));
                    } else {
                        c.funcs.add(id(fname) + ": " + sig(c, f, false) + ";\n");
                    }
                } else if (e.sort() != Sort.TYPE) {
                    throw new ComponentWorldException("cannot derive the world: interface " + c.name
                            + " exports " + e.name() + ", " + article(e.sort().text()) + ", which WIT cannot express");
                }
            }
        }

        /** The same interface seen again (imported and exported): its types take the names already given. */
        void adopt(Ctx c, Inst inst) {
            for (Item e : inst.exports.values()) {
                if (e.sort() == Sort.TYPE && e.value() instanceof Named n && c.typeByName.containsKey(e.name().name())) {
                    Owner o = new Owner(c, e.name().name());
                    owners.putIfAbsent(n, o);
                    Object t = deref(n);
                    if (!(t instanceof PrimitiveType)) {
                        owners.putIfAbsent(t, o);
                    }
                }
            }
        }

        Object deref(Object t) {
            while (t instanceof Named n && !owners.containsKey(n)) {
                t = n.target;
            }
            return t;
        }

        void defineType(Ctx c, String name, Named n) {
            Object t = deref(n);
            Owner own = new Owner(c, name);
            c.typeByName.put(name, t);
            Owner existing = t instanceof PrimitiveType ? null : owners.get(t);
            owners.put(n, own);
            if (existing != null) {
                if (existing.ctx() != c && existing.ctx().isNamedInterface()) {
                    c.uses.computeIfAbsent(c.pathTo(existing.ctx()), k -> new LinkedHashMap<>())
                            .put(existing.name(), name);
                    c.visible.putIfAbsent(existing, name);
                } else {
                    c.types.add("type " + id(name) + " = " + id(existing.name()) + ";\n");
                }
                return;
            }
            if (t instanceof Res) {
                owners.put(t, own);
                ResourceOut r = new ResourceOut(name);
                c.resources.put(name, r);
                c.types.add(r);
            } else if (t instanceof Struct s) {
                owners.put(t, own);
                c.types.add(definition(c, name, s));
            } else if (t instanceof PrimitiveType p) {
                c.types.add("type " + id(name) + " = " + p + ";\n");
            } else {
                throw new ComponentWorldException("cannot derive the world: type " + name + " is not a value type");
            }
        }

        String definition(Ctx c, String name, Struct s) {
            StringBuilder sb = new StringBuilder();
            DefinedType d = s.def();
            if (d instanceof DefinedType.Record r) {
                sb.append("record ").append(id(name)).append(" {\n");
                for (DefinedType.Field f : r.fields()) {
                    sb.append("  ").append(id(f.name())).append(": ").append(ty(c, f.type(), s.env())).append(",\n");
                }
                return sb.append("}\n").toString();
            } else if (d instanceof DefinedType.Variant v) {
                sb.append("variant ").append(id(name)).append(" {\n");
                for (DefinedType.Case k : v.cases()) {
                    sb.append("  ").append(id(k.name()));
                    k.type().ifPresent(t -> sb.append('(').append(ty(c, t, s.env())).append(')'));
                    sb.append(",\n");
                }
                return sb.append("}\n").toString();
            } else if (d instanceof DefinedType.Enum e) {
                sb.append("enum ").append(id(name)).append(" {\n");
                e.labels().forEach(l -> sb.append("  ").append(id(l)).append(",\n"));
                return sb.append("}\n").toString();
            } else if (d instanceof DefinedType.Flags f) {
                sb.append("flags ").append(id(name)).append(" {\n");
                f.labels().forEach(l -> sb.append("  ").append(id(l)).append(",\n"));
                return sb.append("}\n").toString();
            }
            return "type " + id(name) + " = " + structural(c, s) + ";\n";
        }

        String ty(Ctx c, ValType v, Env env) {
            return v instanceof PrimitiveType p ? p.toString() : ty(c, env.type(((ValType.TypeRef) v).index()));
        }

        String ty(Ctx c, Object t) {
            if (t instanceof PrimitiveType p) {
                return p.toString();
            }
            Owner o = owners.get(t);
            if (o != null) {
                return ref(c, o);
            }
            if (t instanceof Named n) {
                return ty(c, n.target);
            }
            if (t instanceof Struct s) {
                return structural(c, s);
            }
            if (t instanceof Res) {
                throw new ComponentWorldException("cannot derive the world: a resource type has no name");
            }
            throw new ComponentWorldException("cannot derive the world: a value type refers to a non-value type");
        }

        String ref(Ctx c, Owner o) {
            if (o.ctx() == c || !o.ctx().isNamedInterface()) {
                return id(o.name());
            }
            String local = c.visible.get(o);
            if (local == null) {
                // a type of another interface referred to directly: make it visible with a use, under a
                // name of its own if this interface already has a type of that name
                local = o.name();
                for (int k = 2; c.typeByName.containsKey(local); k++) {
                    local = o.name() + "-" + k;
                }
                c.uses.computeIfAbsent(c.pathTo(o.ctx()), x -> new LinkedHashMap<>()).put(o.name(), local);
                c.typeByName.put(local, o);
                c.visible.put(o, local);
            }
            return id(local);
        }

        String structural(Ctx c, Struct s) {
            DefinedType d = s.def();
            Env env = s.env();
            if (d instanceof DefinedType.ListType l) {
                return "list<" + ty(c, l.element(), env) + ">";
            } else if (d instanceof DefinedType.FixedList l) {
                return "list<" + ty(c, l.element(), env) + ", " + l.length() + ">";
            } else if (d instanceof DefinedType.Tuple t) {
                List<String> parts = new ArrayList<>();
                t.types().forEach(x -> parts.add(ty(c, x, env)));
                return "tuple<" + String.join(", ", parts) + ">";
            } else if (d instanceof DefinedType.Option o) {
                return "option<" + ty(c, o.type(), env) + ">";
            } else if (d instanceof DefinedType.Result r) {
                if (r.ok().isEmpty() && r.error().isEmpty()) {
                    return "result";
                }
                if (r.error().isEmpty()) {
                    return "result<" + ty(c, r.ok().get(), env) + ">";
                }
                return "result<" + r.ok().map(x -> ty(c, x, env)).orElse("_") + ", " + ty(c, r.error().get(), env) + ">";
            } else if (d instanceof DefinedType.Own o) {
                return ty(c, env.type(o.resourceType()));
            } else if (d instanceof DefinedType.Borrow b) {
                return "borrow<" + ty(c, env.type(b.resourceType())) + ">";
            } else if (d instanceof DefinedType.Stream st) {
                return st.element().map(x -> "stream<" + ty(c, x, env) + ">").orElse("stream");
            } else if (d instanceof DefinedType.Future f) {
                return f.element().map(x -> "future<" + ty(c, x, env) + ">").orElse("future");
            } else if (d instanceof DefinedType.MapType m) {
                return "map<" + ty(c, m.key(), env) + ", " + ty(c, m.value(), env) + ">";
            } else if (d instanceof DefinedType.Primitive p) {
                return p.type().toString();
            }
            String kind = d.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
            throw new ComponentWorldException("cannot derive the world: a " + kind
                    + " type without a name cannot be written in WIT");
        }

        ResourceOut resourceOf(Ctx c, String fname) {
            String r = resourceName(fname);
            if (r == null) {
                return null;
            }
            ResourceOut out = c.resources.get(r);
            if (out == null) {
                throw new ComponentWorldException("cannot derive the world: function " + fname + " of "
                        + (c.world ? "the world" : "interface " + c.name) + " belongs to resource " + r
                        + ", which is not defined there");
            }
            return out;
        }

        static String resourceName(String fname) {
            if (fname.startsWith("[constructor]")) {
                return fname.substring("[constructor]".length());
            }
            for (String p : List.of("[method]", "[static]")) {
                if (fname.startsWith(p) && fname.indexOf('.') > 0) {
                    return fname.substring(p.length(), fname.indexOf('.'));
                }
            }
            return null;
        }

        String resourceFunc(Ctx c, String fname, FnT f) {
            if (fname.startsWith("[constructor]")) {
                String params = params(c, f, false);
                String result = "";
                Optional<ValType> r = f.def().result();
                if (r.isPresent() && r.get() instanceof ValType.TypeRef tr && f.env().type(tr.index()) instanceof Struct s
                        && s.def() instanceof DefinedType.Result && owners.get(s) == null) {
                    result = " -> " + ty(c, r.get(), f.env());
                }
                return "constructor(" + params + ")" + result + ";\n";
            }
            String member = fname.substring(fname.indexOf('.') + 1);
            boolean method = fname.startsWith("[method]");
            return id(member) + ": " + (method ? "" : "static ") + sig(c, f, method) + ";\n";
        }

        String sig(Ctx c, FnT f, boolean skipSelf) {
            String s = (f.def().async() ? "async " : "") + "func(" + params(c, f, skipSelf) + ")";
            if (f.def().result().isPresent()) {
                s += " -> " + ty(c, f.def().result().get(), f.env());
            }
            return s;
        }

        String params(Ctx c, FnT f, boolean skipSelf) {
            List<String> ps = new ArrayList<>();
            List<TypeDef.Param> params = f.def().params();
            for (int i = skipSelf ? 1 : 0; i < params.size(); i++) {
                ps.add(id(params.get(i).name()) + ": " + ty(c, params.get(i).type(), f.env()));
            }
            return String.join(", ", ps);
        }

        // ------------------------------------------------------------------------------ text

        String interfaceText(Ctx c, String ind) {
            return indent("interface " + id(c.name) + " {\n" + indent(body(c), "  ") + "}\n", ind);
        }

        String body(Ctx c) {
            StringBuilder sb = new StringBuilder();
            for (String u : useLines(c)) {
                sb.append(u).append('\n');
            }
            for (Object t : c.types) {
                sb.append(typeText(t));
            }
            for (String f : c.funcs) {
                sb.append(f);
            }
            return sb.toString();
        }

        List<String> useLines(Ctx c) {
            List<String> out = new ArrayList<>();
            for (Map.Entry<String, LinkedHashMap<String, String>> u : c.uses.entrySet()) {
                List<String> names = new ArrayList<>();
                u.getValue().forEach((from, as) -> names.add(from.equals(as) ? id(from) : id(from) + " as " + id(as)));
                out.add("use " + u.getKey() + ".{" + String.join(", ", names) + "};");
            }
            return out;
        }

        static String typeText(Object t) {
            if (t instanceof ResourceOut r) {
                if (r.funcs.isEmpty()) {
                    return "resource " + id(r.name) + ";\n";
                }
                return "resource " + id(r.name) + " {\n" + indent(String.join("", r.funcs), "  ") + "}\n";
            }
            return (String) t;
        }

        static String indent(String text, String ind) {
            StringBuilder sb = new StringBuilder();
            for (String line : text.split("\n", -1)) {
                if (!line.isEmpty()) {
                    sb.append(ind).append(line);
                }
                sb.append('\n');
            }
            // split left one extra empty element for the trailing newline
            return sb.substring(0, sb.length() - 1);
        }

        static String article(String noun) {
            return ("aeiou".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
        }

        static String id(String name) {
            return "%" + name;
        }

        static String quote(String s) {
            return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        }
    }
}
