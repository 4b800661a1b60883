package dev.witbox.wit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Resolves the AST of one package (all of its files) into a {@link WitPackage}. */
final class PackageResolver {

    /** The items of one package that come from one file. */
    record Part(SourceFile src, List<Ast.Item> items) {
    }

    /** A declared interface or world of this package. */
    private sealed interface Decl permits IfaceDecl, WorldDecl {
        SourceFile src();

        String name();

        /** The paths through which it depends on others of its kind: interface 'use's, world 'include's. */
        List<Ast.UsePath> refs();
    }

    private record IfaceDecl(Ast.InterfaceDef ast, SourceFile src, Interface iface) implements Decl {
        public String name() {
            return iface.name();
        }

        public List<Ast.UsePath> refs() {
            return only(ast.items(), Ast.UseItem.class).stream().map(Ast.UseItem::path).toList();
        }
    }

    private record WorldDecl(Ast.WorldDef ast, SourceFile src, World world) implements Decl {
        public String name() {
            return world.name();
        }

        public List<Ast.UsePath> refs() {
            return only(ast.items(), Ast.Include.class).stream().map(Ast.Include::path).toList();
        }
    }

    private final Env env;
    private final Diags diags;
    private final PackageName name;
    private final WitPackage pkg;
    private final Gates gates;
    private final List<Part> parts;
    private final String docs;
    private final Map<SourceFile, Map<String, Ast.TopUse>> fileUses = new HashMap<>();
    private final Map<String, IfaceDecl> ifaces = new LinkedHashMap<>();
    private final Map<String, WorldDecl> worlds = new LinkedHashMap<>();
    /** Interfaces whose bodies are resolved (usable as {@code use} targets). */
    private final Set<Interface> ready = new HashSet<>();
    /** Named interfaces in dependency order, filled by {@link #resolve()}. */
    final List<Interface> topoOrder = new ArrayList<>();

    PackageResolver(Env env, Diags diags, PackageName name, List<Part> parts, String docs) {
        this.env = env;
        this.diags = diags;
        this.name = name;
        this.pkg = new WitPackage(name);
        this.gates = new Gates(env, diags, pkg);
        this.parts = parts;
        this.docs = docs;
    }

    static String q(String s) {
        return "'" + Token.shorten(s) + "'";
    }

    /** The items of {@code items} that are {@code type}s, in order. */
    private static <T> List<T> only(List<?> items, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (Object it : items) {
            if (type.isInstance(it)) {
                out.add(type.cast(it));
            }
        }
        return out;
    }

    // ================================================================== driver

    WitPackage resolve() {
        declare();
        resolveInterfaces();
        resolveWorlds();
        List<Interface> is = new ArrayList<>();
        for (IfaceDecl d : ifaces.values()) {
            is.add(d.iface);
        }
        List<World> ws = new ArrayList<>();
        for (WorldDecl d : worlds.values()) {
            ws.add(d.world);
        }
        pkg.init(docs, is, ws);
        return pkg;
    }

    /** Registers interfaces, worlds and file-level uses; checks for duplicates. */
    private void declare() {
        Map<String, ItemClaim> items = new HashMap<>(); // by canonical name
        List<Map.Entry<SourceFile, List<?>>> disabledBodies = new ArrayList<>();
        for (int pi = 0; pi < parts.size(); pi++) {
            Part part = parts.get(pi);
            int partIndex = pi;
            for (Ast.Item item : part.items) {
                diags.guard(() -> {
                    if (item instanceof Ast.InterfaceDef d) {
                        String n = d.name().name();
                        Stability st = declareItem(items, d.attrs(), d.name(), "interface", part.src, partIndex);
                        if (st != null) {
                            ifaces.put(n, new IfaceDecl(d, part.src, new Interface(n, pkg, d.docs(), st)));
                        } else {
                            disabledBodies.add(Map.entry(part.src, d.items()));
                        }
                    } else if (item instanceof Ast.WorldDef d) {
                        String n = d.name().name();
                        Stability st = declareItem(items, d.attrs(), d.name(), "world", part.src, partIndex);
                        if (st != null) {
                            worlds.put(n, new WorldDecl(d, part.src, new World(n, pkg, d.docs(), st)));
                        } else {
                            disabledBodies.add(Map.entry(part.src, d.items()));
                        }
                    }
                });
            }
        }
        for (int pi = 0; pi < parts.size(); pi++) {
            Part part = parts.get(pi);
            int partIndex = pi;
            Map<String, Ast.TopUse> uses = new LinkedHashMap<>();
            fileUses.put(part.src, uses);
            for (Ast.Item item : part.items) {
                if (item instanceof Ast.TopUse u) {
                    diags.guard(() -> {
                        String local = u.localName();
                        if (uses.containsKey(local)) {
                            throw diags.error(part.src, u.namePos(), "name " + q(local)
                                    + " is already defined by another top-level 'use' in this file");
                        }
                        ItemClaim claim = items.get(Names.canon(local));
                        // a top-level use names something in its own file only (as in wit-parser): an
                        // interface or world of the same name in another file of the package is no clash
                        if (claim != null && claim.part == partIndex) {
                            // reported at the later of the two definitions
                            String kind = claim.kind;
                            boolean itemLater = claim.part > partIndex
                                    || (claim.part == partIndex && claim.pos > u.namePos());
                            if (itemLater) {
                                throw diags.error(parts.get(claim.part).src, claim.pos, "duplicate name " + q(local) + ": "
                                        + kind + " " + q(local) + " of package '" + name + "' conflicts with the "
                                        + "top-level 'use' that defines it earlier in " + part.src.name
                                        + "; rename the 'use' with 'as'");
                            }
                            throw diags.error(part.src, u.namePos(), "duplicate name " + q(local)
                                    + ": top-level 'use' defines " + q(local) + ", which conflicts with " + kind
                                    + " " + q(local) + " of package '" + name + "'; rename it with 'as'");
                        }
                        if (lookupItem(u.path(), part.src, false) instanceof World) { // bad targets early
                            throw diags.error(part.src, refPos(u.path()), q(u.path().display())
                                    + " is a world, not an interface: a top-level 'use' names an interface");
                        }
                        uses.put(local, u);
                    });
                }
            }
        }
        for (Map.Entry<SourceFile, List<?>> body : disabledBodies) {
            diags.guard(() -> checkUsesOfDisabled(body.getKey(), only(body.getValue(), Ast.UseItem.class)));
        }
    }

    /**
     * wit-parser resolves the items of an interface or world a disabled feature removes, too: a
     * {@code use} there without a disabled gate of its own that names an interface another
     * disabled feature removed is an error ("this type is not gated by a feature but its
     * interface is"), although nothing of either reaches the resolve.
     */
    private void checkUsesOfDisabled(SourceFile src, List<Ast.UseItem> useItems) {
        for (Ast.UseItem u : useItems) {
            if (!gates.enabled(gates.stability(u.attrs(), src))) {
                continue;
            }
            String feature = disabledFeature(u.path());
            if (feature != null) {
                throw diags.error(src, refPos(u.path()), "'use " + u.path().display() + "' names an interface that "
                        + "feature " + q(feature) + " (not enabled) removes, but the 'use' is not gated by a feature"
                        + " itself; gate it with @unstable(feature = " + feature + ")");
            }
        }
    }

    /** The disabled feature that removed the interface or world of {@code path}, or null. */
    private String disabledFeature(Ast.UsePath path) {
        if (path instanceof Ast.LocalPath lp) {
            return env.disabled.get(name.qualify(lp.name().name()));
        }
        Ast.ForeignPath fp = (Ast.ForeignPath) path;
        WitPackage p = fp.packageDisplay().equals(name.toString()) ? null : env.packages.get(fp.packageDisplay());
        PackageName pn = p == null ? name : p.name();
        return env.disabled.get(pn.qualify(fp.item().name()));
    }

    /** An interface or world name of the package: what it is, and where (part index, offset of the name). */
    private record ItemClaim(String kind, int part, int pos) {
    }

    /**
     * Declares an interface or world: checks its gates and, unless a feature it needs is disabled,
     * claims its name in {@code items}. Returns its gate, or null when it is disabled.
     */
    private Stability declareItem(Map<String, ItemClaim> items, Ast.Attrs attrs, Ast.Ident id, String kind,
            SourceFile src, int partIndex) {
        Stability st = gates.stability(attrs, src);
        String n = id.name();
        if (!gates.enabled(st)) {
            env.disabled.put(name.qualify(n), ((Stability.Unstable) st).feature());
            return null;
        }
        ItemClaim prev = items.putIfAbsent(Names.canon(n), new ItemClaim(kind, partIndex, id.pos()));
        if (prev != null) {
            throw diags.error(src, id.pos(), prev.kind.equals(kind)
                    ? "duplicate " + kind + " " + q(n) + " in package '" + name + "'"
                    : kind + " " + q(n) + " conflicts with " + prev.kind + " of the same name in package '" + name
                            + "'");
        }
        return st;
    }

    // ================================================================== lookups

    /** The position of the interface or world name of a path. */
    private static int refPos(Ast.UsePath path) {
        return path instanceof Ast.LocalPath lp ? lp.name().pos() : ((Ast.ForeignPath) path).item().pos();
    }

    /** Resolves a path to a local or foreign interface or world. */
    private Object lookupItem(Ast.UsePath path, SourceFile src, boolean viaFileUses) {
        if (path instanceof Ast.LocalPath lp) {
            String n = lp.name().name();
            if (viaFileUses) {
                Ast.TopUse tu = fileUses.getOrDefault(src, Map.of()).get(n);
                if (tu != null) {
                    return lookupItem(tu.path(), src, false);
                }
            }
            return lookupLocal(n, src, lp.pos());
        }
        Ast.ForeignPath fp = (Ast.ForeignPath) path;
        String pkgName = fp.packageDisplay();
        String item = fp.item().name();
        if (pkgName.equals(name.toString())) {
            return lookupLocal(item, src, fp.item().pos());
        }
        WitPackage p = env.packages.get(pkgName);
        if (p == null) {
            throw diags.error(src, fp.pos(), "package " + q(pkgName) + " not found; " + env.searchHint
                    + " (known: " + env.known() + ")");
        }
        Interface i = p.interfaceNamed(item);
        if (i != null) {
            return i;
        }
        World w = p.worldNamed(item);
        if (w != null) {
            return w;
        }
        String feature = env.disabled.get(p.name().qualify(item));
        if (feature != null) {
            throw diags.error(src, fp.item().pos(), q(p.name().qualify(item)) + " is gated by feature " + q(feature)
                    + ", which is not enabled");
        }
        List<String> cands = new ArrayList<>();
        p.interfaces().forEach(x -> cands.add(x.name()));
        p.worlds().forEach(x -> cands.add(x.name()));
        throw diags.error(src, fp.item().pos(), "interface or world " + q(item) + " not found in package "
                + q(pkgName) + Names.didYouMean(item, cands));
    }

    private Object lookupLocal(String n, SourceFile src, int pos) {
        IfaceDecl d = ifaces.get(n);
        if (d != null) {
            return d.iface;
        }
        WorldDecl w = worlds.get(n);
        if (w != null) {
            return w.world;
        }
        String feature = env.disabled.get(name.qualify(n));
        if (feature != null) {
            throw diags.error(src, pos, q(n) + " is gated by feature " + q(feature) + ", which is not enabled");
        }
        List<String> cands = new ArrayList<>(ifaces.keySet());
        cands.addAll(worlds.keySet());
        cands.addAll(fileUses.getOrDefault(src, Map.of()).keySet());
        throw diags.error(src, pos, "interface or world " + q(n) + " not found in package '" + name + "'"
                + Names.didYouMean(n, cands));
    }

    private Interface lookupInterface(Ast.UsePath path, SourceFile src) {
        Object o = lookupItem(path, src, true);
        if (o instanceof World) {
            throw diags.error(src, refPos(path), q(path.display()) + " is a world, not an interface");
        }
        return (Interface) o;
    }

    private World lookupWorld(Ast.UsePath path, SourceFile src) {
        Object o = lookupItem(path, src, true);
        if (o instanceof Interface) {
            throw diags.error(src, refPos(path), q(path.display()) + " is an interface, not a world");
        }
        return (World) o;
    }

    /** The local item a path names, or null if it is foreign or unknown. */
    private String localTarget(Ast.UsePath path, SourceFile src) {
        if (path instanceof Ast.LocalPath lp) {
            Ast.TopUse tu = fileUses.getOrDefault(src, Map.of()).get(lp.name().name());
            if (tu != null) {
                return localTargetDirect(tu.path());
            }
            return lp.name().name();
        }
        return localTargetDirect(path);
    }

    private String localTargetDirect(Ast.UsePath path) {
        if (path instanceof Ast.LocalPath lp) {
            return lp.name().name();
        }
        Ast.ForeignPath fp = (Ast.ForeignPath) path;
        return fp.packageDisplay().equals(name.toString()) ? fp.item().name() : null;
    }

    // ================================================================== interfaces

    /**
     * The interfaces or worlds of this package ordered so that each comes after the ones of this
     * package it refers to ({@link Decl#refs}). A cycle is reported at the reference that closes it,
     * as {@code "<kind> 'a' <verb> itself ... (a cycle)"}, and ends the resolution of the package.
     */
    private <D extends Decl> List<D> dependencyOrder(Collection<D> all, String kind, String verb) {
        List<D> decls = new ArrayList<>(all);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < decls.size(); i++) {
            index.put(decls.get(i).name(), i);
        }
        List<List<Integer>> deps = new ArrayList<>();
        List<List<Integer>> refPos = new ArrayList<>();
        for (D d : decls) {
            List<Integer> ds = new ArrayList<>();
            List<Integer> ps = new ArrayList<>();
            for (Ast.UsePath path : d.refs()) {
                String t = localTarget(path, d.src());
                add(t == null ? null : index.get(t), path.pos(), ds, ps);
            }
            deps.add(ds);
            refPos.add(ps);
        }
        List<D> ordered = new ArrayList<>();
        try {
            for (int i : Topo.sort(decls.size(), deps)) {
                ordered.add(decls.get(i));
            }
        } catch (Topo.Cycle c) {
            String first = decls.get(c.path.get(0)).name();
            diags.report(decls.get(c.from).src(), refPos.get(c.from).get(c.edge),
                    c.describe(kind + " " + q(first), verb, k -> q(decls.get(k).name())));
            diags.throwIfAny();
            return List.of();
        }
        return ordered;
    }

    private void resolveInterfaces() {
        for (IfaceDecl d : dependencyOrder(ifaces.values(), "interface", "uses")) {
            resolveInterfaceBody(d.iface, d.ast.items(), d.src, d.iface.stability(),
                    "interface " + q(d.iface.name()));
            ready.add(d.iface);
            topoOrder.add(d.iface);
        }
    }

    /** Names of a scope (interface or world namespace) for uniqueness checks. */
    private final class Namespace {
        private record Claim(String kind, String display, SourceFile src, int pos) {
        }

        final String desc;
        final Map<String, Claim> names = new HashMap<>();

        Namespace(String desc) {
            this.desc = desc;
        }

        boolean has(String n) {
            return names.containsKey(Names.canon(n));
        }

        /** Where {@code n} was claimed in {@code src}, or -1. */
        int posIn(String n, SourceFile src) {
            Claim c = names.get(Names.canon(n));
            return c != null && c.src == src ? c.pos : -1;
        }

        /**
         * Claims a name. Items are claimed kind by kind (uses, types, functions), not in source
         * order, so a conflict is reported at whichever definition comes later in the source.
         */
        void claim(String canon, String display, String kind, SourceFile src, int pos) {
            Claim prev = names.putIfAbsent(Names.canon(canon), new Claim(kind, display, src, pos));
            if (prev == null) {
                return;
            }
            if (prev.kind.equals(kind)) {
                throw diags.error(src, Math.max(pos, prev.src == src ? prev.pos : -1),
                        "duplicate " + kind + " " + q(display) + " in " + desc);
            }
            if (prev.src == src && prev.pos > pos) {
                throw diags.error(src, prev.pos, "duplicate name " + q(prev.display) + " in " + desc + ": "
                        + prev.kind + " " + q(prev.display) + " conflicts with " + kind + " " + q(display)
                        + " defined before it");
            }
            throw diags.error(src, pos, "duplicate name " + q(display) + " in " + desc + ": " + kind + " "
                    + q(display) + " conflicts with " + prev.kind + " " + q(prev.display));
        }
    }

    /** Type names visible in an interface or world. */
    private final class Scope {
        final SourceFile src;
        final String desc;
        final TypeOwner owner;
        final Stability container;
        final Namespace ns;
        final Map<String, TypeDef> types = new LinkedHashMap<>();
        final Map<String, String> disabled = new HashMap<>();
        /** Names of this scope that are not types (canonical name → what it is), for messages. */
        final Map<String, String> nonTypes = new HashMap<>();
        /** The type definition being resolved, never suggested as a spelling of a reference in it. */
        String defining;

        Scope(SourceFile src, String desc, TypeOwner owner, Stability container, Namespace ns) {
            this.src = src;
            this.desc = desc;
            this.owner = owner;
            this.container = container;
            this.ns = ns;
        }
    }

    private void resolveInterfaceBody(Interface iface, List<Ast.InterfaceItem> items, SourceFile src,
            Stability container, String desc) {
        Scope sc = new Scope(src, desc, iface, container, new Namespace(desc));
        List<Use> uses = new ArrayList<>();
        List<TypeDef> types = new ArrayList<>();
        List<Function> funcs = new ArrayList<>();
        List<Ast.TypeDefItem> typeItems = only(items, Ast.TypeDefItem.class);
        List<Ast.FuncItem> funcItems = only(items, Ast.FuncItem.class);
        for (Ast.FuncItem f : funcItems) {
            sc.nonTypes.putIfAbsent(Names.canon(f.name().name()), "a function");
        }
        resolveUses(only(items, Ast.UseItem.class), sc, uses);
        List<TypeDef> resources = resolveTypeDefs(typeItems, sc, types);
        for (Ast.FuncItem f : funcItems) {
            diags.guard(() -> {
                Stability st = gates.stability(f.attrs(), src);
                if (!gates.enabled(st)) {
                    return;
                }
                sc.ns.claim(f.name().name(), f.name().name(), "function", src, f.name().pos());
                funcs.add(function(f, sc, st, Gates.eff(st, container), null));
            });
        }
        resolveResourceFunctions(typeItems, resources, sc);
        iface.init(uses, types, funcs);
    }

    private void resolveUses(List<Ast.UseItem> useItems, Scope sc, List<Use> out) {
        for (Ast.UseItem u : useItems) {
            diags.guard(() -> {
                Stability st = gates.stability(u.attrs(), sc.src);
                if (!gates.enabled(st)) {
                    return;
                }
                Stability e = Gates.eff(st, sc.container);
                Interface from = lookupInterface(u.path(), sc.src);
                if (from.pkg() == pkg && !ready.contains(from)) {
                    throw diags.error(sc.src, u.path().pos(), "interface " + q(from.name())
                            + " cannot be used here (it is not resolved yet)");
                }
                List<Use.UseName> names = new ArrayList<>();
                for (Ast.UseName n : u.names()) {
                    String tn = n.name().name();
                    TypeDef td = from.type(tn);
                    if (td == null) {
                        String feature = env.disabled.get(from.key() + "." + tn);
                        if (feature != null) {
                            throw diags.error(sc.src, n.name().pos(), "type " + q(tn) + " of interface "
                                    + q(u.path().display()) + " is gated by feature " + q(feature)
                                    + ", which is not enabled");
                        }
                        for (Function f : from.functions()) {
                            if (Names.canon(f.name()).equals(Names.canon(tn))) {
                                throw diags.error(sc.src, n.name().pos(), "type " + q(tn) + " not found in interface "
                                        + q(u.path().display()) + ": " + q(tn) + " is a function, not a type");
                            }
                        }
                        throw diags.error(sc.src, n.name().pos(), "type " + q(tn) + " not found in interface "
                                + q(u.path().display()) + Names.didYouMean(tn, from.scope().keySet()));
                    }
                    Ast.Ident local = n.local();
                    sc.ns.claim(local.name(), local.name(), "type", sc.src, local.pos());
                    sc.types.put(local.name(), td);
                    names.add(new Use.UseName(tn, local.name(), td));
                }
                if (!names.isEmpty()) {
                    // wit-parser: 'use x.{}' names x (which must exist) but brings nothing, not even a
                    // dependency, so a world importing the user does not import x for it
                    out.add(new Use(from, names, st));
                }
            });
        }
    }

    /** Creates, orders and resolves type definitions; returns the resources (parallel to input order). */
    private List<TypeDef> resolveTypeDefs(List<Ast.TypeDefItem> typeItems, Scope sc, List<TypeDef> out) {
        List<Ast.TypeDefItem> asts = new ArrayList<>();
        List<TypeDef> defs = new ArrayList<>();
        List<TypeDef> resources = new ArrayList<>();
        for (Ast.TypeDefItem t : typeItems) {
            TypeDef[] made = new TypeDef[1];
            diags.guard(() -> {
                Stability st = gates.stability(t.attrs(), sc.src);
                String n = t.name().name();
                if (!gates.enabled(st)) {
                    String feature = ((Stability.Unstable) st).feature();
                    sc.disabled.put(n, feature);
                    env.disabled.put(sc.owner.key() + "." + n, feature);
                    return;
                }
                sc.ns.claim(n, n, "type", sc.src, t.name().pos());
                TypeDef td = new TypeDef(n, sc.owner, t.docs(), st, t.attrs().externalId());
                if (t.body() instanceof Ast.ResourceBody) {
                    td.setKind(new TypeDefKind.Resource(List.of()));
                    env.hasBorrow.put(td, false);
                }
                sc.types.put(n, td);
                made[0] = td;
            });
            if (made[0] != null) {
                asts.add(t);
                defs.add(made[0]);
                out.add(made[0]);
            }
            resources.add(made[0] != null && t.body() instanceof Ast.ResourceBody ? made[0] : null);
        }
        // order definitions so that referenced local types are resolved first
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < defs.size(); i++) {
            index.put(defs.get(i).name(), i);
        }
        List<List<Integer>> deps = new ArrayList<>();
        List<List<Integer>> refPos = new ArrayList<>();
        for (Ast.TypeDefItem t : asts) {
            List<Integer> ds = new ArrayList<>();
            List<Integer> ps = new ArrayList<>();
            collectRefs(t.body(), index, ds, ps);
            deps.add(ds);
            refPos.add(ps);
        }
        List<Integer> order;
        try {
            order = Topo.sort(defs.size(), deps);
        } catch (Topo.Cycle c) {
            String first = defs.get(c.path.get(0)).name();
            diags.report(sc.src, refPos.get(c.from).get(c.edge),
                    c.describe("type " + q(first), "refers to", k -> q(defs.get(k).name())));
            for (TypeDef d : defs) {
                if (d.kind() == null) {
                    d.setKind(new TypeDefKind.Alias(Type.Primitive.BOOL));
                }
            }
            return resources;
        }
        for (int i : order) {
            TypeDef td = defs.get(i);
            Ast.TypeDefItem t = asts.get(i);
            boolean ok = diags.guard(() -> {
                if (!(t.body() instanceof Ast.ResourceBody)) {
                    Stability e = Gates.eff(td.stability(), sc.container);
                    sc.defining = td.name();
                    try {
                        td.setKind(typeBody(t, sc, e));
                    } finally {
                        sc.defining = null;
                    }
                    env.hasBorrow.put(td, kindHasBorrow(td.kind()));
                }
            });
            if (!ok && td.kind() == null) {
                td.setKind(new TypeDefKind.Alias(Type.Primitive.BOOL));
                env.hasBorrow.put(td, false);
            }
        }
        return resources;
    }

    private static String kindWord(Ast.TypeBody b) {
        if (b instanceof Ast.RecordBody) {
            return "record";
        }
        if (b instanceof Ast.VariantBody) {
            return "variant";
        }
        if (b instanceof Ast.EnumBody) {
            return "enum";
        }
        if (b instanceof Ast.FlagsBody) {
            return "flags";
        }
        if (b instanceof Ast.ResourceBody) {
            return "resource";
        }
        return "type";
    }

    private static void collectRefs(Ast.TypeBody b, Map<String, Integer> index, List<Integer> out,
            List<Integer> pos) {
        if (b instanceof Ast.AliasBody a) {
            collectRefs(a.target(), index, out, pos);
        } else if (b instanceof Ast.RecordBody r) {
            for (Ast.Field f : r.fields()) {
                collectRefs(f.type(), index, out, pos);
            }
        } else if (b instanceof Ast.VariantBody v) {
            for (Ast.Case c : v.cases()) {
                if (c.type() != null) {
                    collectRefs(c.type(), index, out, pos);
                }
            }
        }
    }

    private static void collectRefs(Ast.TypeExpr e, Map<String, Integer> index, List<Integer> out,
            List<Integer> pos) {
        if (e == null) {
            return;
        }
        if (e instanceof Ast.NameExpr n) {
            add(index.get(n.name().name()), n.name().pos(), out, pos);
        } else if (e instanceof Ast.HandleExpr h) {
            add(index.get(h.resource().name()), h.resource().pos(), out, pos);
        } else if (e instanceof Ast.ListExpr l) {
            collectRefs(l.element(), index, out, pos);
        } else if (e instanceof Ast.FixedListExpr l) {
            collectRefs(l.element(), index, out, pos);
        } else if (e instanceof Ast.OptionExpr o) {
            collectRefs(o.element(), index, out, pos);
        } else if (e instanceof Ast.ResultExpr r) {
            collectRefs(r.ok(), index, out, pos);
            collectRefs(r.err(), index, out, pos);
        } else if (e instanceof Ast.TupleExpr t) {
            for (Ast.TypeExpr x : t.elements()) {
                collectRefs(x, index, out, pos);
            }
        } else if (e instanceof Ast.MapExpr m) {
            collectRefs(m.key(), index, out, pos);
            collectRefs(m.value(), index, out, pos);
        } else if (e instanceof Ast.FutureExpr f) {
            collectRefs(f.element(), index, out, pos);
        } else if (e instanceof Ast.StreamExpr s) {
            collectRefs(s.element(), index, out, pos);
        }
    }

    private static void add(Integer i, int at, List<Integer> out, List<Integer> pos) {
        if (i != null && !out.contains(i)) {
            out.add(i);
            pos.add(at);
        }
    }

    private TypeDefKind typeBody(Ast.TypeDefItem t, Scope sc, Stability e) {
        String n = t.name().name();
        String what = kindWord(t.body()) + " " + q(n);
        Ast.TypeBody b = t.body();
        if (b instanceof Ast.AliasBody a) {
            return new TypeDefKind.Alias(type(a.target(), sc, "type " + q(n), e));
        }
        if (b instanceof Ast.RecordBody r) {
            Set<String> seen = new HashSet<>();
            List<TypeDefKind.Field> fs = new ArrayList<>();
            for (Ast.Field f : r.fields()) {
                if (!seen.add(Names.canon(f.name().name()))) {
                    throw diags.error(sc.src, f.name().pos(), "duplicate field " + q(f.name().name()) + " in " + what);
                }
                fs.add(new TypeDefKind.Field(f.name().name(), type(f.type(), sc, what, e), f.docs()));
            }
            return new TypeDefKind.Record(fs);
        }
        if (b instanceof Ast.VariantBody v) {
            if (v.cases().isEmpty()) {
                throw diags.error(sc.src, v.pos(), what + " must have at least one case");
            }
            Set<String> seen = new HashSet<>();
            List<TypeDefKind.Case> cs = new ArrayList<>();
            for (Ast.Case c : v.cases()) {
                if (!seen.add(Names.canon(c.name().name()))) {
                    throw diags.error(sc.src, c.name().pos(), "duplicate case " + q(c.name().name()) + " in " + what);
                }
                cs.add(new TypeDefKind.Case(c.name().name(), c.type() == null ? null : type(c.type(), sc, what, e),
                        c.docs()));
            }
            return new TypeDefKind.Variant(cs);
        }
        if (b instanceof Ast.EnumBody en) {
            if (en.cases().isEmpty()) {
                throw diags.error(sc.src, en.pos(), what + " must have at least one case");
            }
            Set<String> seen = new HashSet<>();
            List<TypeDefKind.EnumCase> cs = new ArrayList<>();
            for (Ast.Label c : en.cases()) {
                if (!seen.add(Names.canon(c.name().name()))) {
                    throw diags.error(sc.src, c.name().pos(), "duplicate case " + q(c.name().name()) + " in " + what);
                }
                cs.add(new TypeDefKind.EnumCase(c.name().name(), c.docs()));
            }
            return new TypeDefKind.Enum(cs);
        }
        Ast.FlagsBody fl = (Ast.FlagsBody) b;
        // No flags, or more than 32, is valid WIT for wit-parser; Binary.md allows 1 to 32 in a
        // component, which the decoder and the bindings generator enforce where a component is concerned.
        Set<String> seen = new HashSet<>();
        List<TypeDefKind.Flag> fs = new ArrayList<>();
        for (Ast.Label c : fl.flags()) {
            if (!seen.add(Names.canon(c.name().name()))) {
                throw diags.error(sc.src, c.name().pos(), "duplicate flag " + q(c.name().name()) + " in " + what);
            }
            fs.add(new TypeDefKind.Flag(c.name().name(), c.docs()));
        }
        return new TypeDefKind.Flags(fs);
    }

    private void resolveResourceFunctions(List<Ast.TypeDefItem> typeItems, List<TypeDef> resources, Scope sc) {
        for (int i = 0; i < typeItems.size(); i++) {
            TypeDef res = resources.get(i);
            if (res == null) {
                continue;
            }
            Ast.ResourceBody body = (Ast.ResourceBody) typeItems.get(i).body();
            List<Function> fs = new ArrayList<>();
            boolean[] hasCtor = {false};
            Stability resEff = Gates.eff(res.stability(), sc.container);
            String rdesc = "resource " + q(res.name());
            for (Ast.FuncItem f : body.functions()) {
                diags.guard(() -> {
                    Stability st = gates.stability(f.attrs(), sc.src);
                    if (!gates.enabled(st)) {
                        return;
                    }
                    String fdesc = f.kind() == Ast.FuncKind.CONSTRUCTOR ? "the constructor of " + rdesc
                            : (f.kind() == Ast.FuncKind.STATIC ? "static function " : "method ") + q(f.name().name())
                                    + " of " + rdesc;
                    if (f.kind() == Ast.FuncKind.CONSTRUCTOR) {
                        if (hasCtor[0]) {
                            throw diags.error(sc.src, f.pos(), rdesc + " has more than one constructor");
                        }
                        hasCtor[0] = true;
                        sc.ns.claim("[constructor]" + res.name(), "[constructor]" + res.name(), "constructor", sc.src,
                                f.pos());
                    } else {
                        String fn = f.name().name();
                        String canon = Names.canon(fn).equals(Names.canon(res.name())) ? res.name() : res.name() + "." + fn;
                        sc.ns.claim(canon, res.name() + "." + fn, "function", sc.src, f.name().pos());
                    }
                    fs.add(function(f, sc, st, Gates.eff(st, resEff), res));
                });
            }
            res.setKind(new TypeDefKind.Resource(fs));
        }
    }

    /** Resolves a function; {@code resource} is set for resource functions. */
    private Function function(Ast.FuncItem f, Scope sc, Stability st, Stability e, TypeDef resource) {
        String fname = f.name().name();
        String what = switch (f.kind()) {
            case CONSTRUCTOR -> "the constructor of resource " + q(resource.name());
            case METHOD -> "method " + q(fname) + " of resource " + q(resource.name());
            case STATIC -> "static function " + q(fname) + " of resource " + q(resource.name());
            default -> "function " + q(fname);
        };
        FunctionKind kind = switch (f.kind()) {
            case CONSTRUCTOR -> new FunctionKind.Constructor(resource);
            case METHOD -> new FunctionKind.Method(resource);
            case STATIC -> new FunctionKind.Static(resource);
            default -> FunctionKind.FREESTANDING;
        };
        List<Param> params = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        if (f.kind() == Ast.FuncKind.METHOD) {
            params.add(new Param("self", new Type.Borrow(resource)));
            seen.add("self");
        }
        for (Ast.Param p : f.params()) {
            String pn = p.name().name();
            if (!seen.add(Names.canon(pn))) {
                throw diags.error(sc.src, p.name().pos(), "duplicate parameter " + q(pn) + " in " + what
                        + (pn.equals("self") && f.kind() == Ast.FuncKind.METHOD
                                ? " (methods have an implicit 'self' parameter)" : ""));
            }
            params.add(new Param(pn, type(p.type(), sc, what, e)));
        }
        Type result = null;
        if (f.kind() == Ast.FuncKind.CONSTRUCTOR) {
            if (f.result() == null) {
                result = new Type.Own(resource);
            } else {
                result = type(f.result(), sc, what, e);
                boolean ok = result instanceof Type.ResultType rt && rt.ok() instanceof Type.Own o
                        && o.resource().resource() == resource;
                if (!ok) {
                    throw diags.error(sc.src, f.result().pos(), "a fallible constructor must return 'result<"
                            + resource.name() + ", E>' (or 'result<" + resource.name() + ">') in " + what);
                }
            }
        } else if (f.result() != null) {
            result = type(f.result(), sc, what, e);
        }
        if (result != null && hasBorrow(result)) {
            throw diags.error(sc.src, borrowPos(f.result(), sc), what + " returns a borrowed handle; 'borrow<..>' may only "
                    + "appear in parameters");
        }
        return new Function(f.kind() == Ast.FuncKind.CONSTRUCTOR ? "constructor" : fname, kind, f.async(), params,
                result, f.docs(), st, f.attrs().externalId());
    }

    // ================================================================== types

    private Type type(Ast.TypeExpr e, Scope sc, String what, Stability referrer) {
        if (e instanceof Ast.PrimExpr p) {
            return p.primitive();
        }
        if (e instanceof Ast.NameExpr n) {
            TypeDef td = lookupType(n.name(), sc, what);
            String via = via(n.name().name(), td);
            return td.isResource() ? new Type.Own(td, via) : new Type.Named(td, via);
        }
        if (e instanceof Ast.HandleExpr h) {
            TypeDef td = lookupType(h.resource(), sc, what);
            String kw = h.borrow() ? "borrow" : "own";
            if (!td.isResource()) {
                throw diags.error(sc.src, h.resource().pos(), q(td.name()) + " is not a resource, so '" + kw + "<"
                        + td.name() + ">' is not allowed (in " + what + ")");
            }
            String via = via(h.resource().name(), td);
            return h.borrow() ? new Type.Borrow(td, via) : new Type.Own(td, via);
        }
        if (e instanceof Ast.ListExpr l) {
            return new Type.ListType(type(l.element(), sc, what, referrer));
        }
        if (e instanceof Ast.FixedListExpr l) {
            return new Type.FixedListType(type(l.element(), sc, what, referrer), l.length());
        }
        if (e instanceof Ast.OptionExpr o) {
            return new Type.OptionType(type(o.element(), sc, what, referrer));
        }
        if (e instanceof Ast.ResultExpr r) {
            return new Type.ResultType(r.ok() == null ? null : type(r.ok(), sc, what, referrer),
                    r.err() == null ? null : type(r.err(), sc, what, referrer));
        }
        if (e instanceof Ast.TupleExpr t) {
            List<Type> es = new ArrayList<>();
            for (Ast.TypeExpr x : t.elements()) {
                es.add(type(x, sc, what, referrer));
            }
            return new Type.TupleType(es);
        }
        if (e instanceof Ast.MapExpr m) {
            Type k = type(m.key(), sc, what, referrer);
            if (!isMapKey(k)) {
                throw diags.error(sc.src, m.key().pos(), "map keys must be bool, an integer type, char or string "
                        + "(in " + what + ")");
            }
            return new Type.MapType(k, type(m.value(), sc, what, referrer));
        }
        if (e instanceof Ast.FutureExpr f) {
            Type el = f.element() == null ? null : type(f.element(), sc, what, referrer);
            if (el != null && hasBorrow(el)) {
                throw diags.error(sc.src, borrowPos(f.element(), sc), "the payload of a future may not contain a borrowed "
                        + "handle (in " + what + ")");
            }
            return new Type.FutureType(el);
        }
        Ast.StreamExpr s = (Ast.StreamExpr) e;
        Type el = s.element() == null ? null : type(s.element(), sc, what, referrer);
        if (el != null && hasBorrow(el)) {
            throw diags.error(sc.src, borrowPos(s.element(), sc), "the elements of a stream may not contain a borrowed "
                    + "handle (in " + what + ")");
        }
        return new Type.StreamType(el);
    }

    /**
     * Where the first borrowed handle inside a (resolved) type expression is: the {@code borrow}
     * of a {@code borrow<..>}, or the name of a type that contains one. Falls back to the start
     * of the expression.
     */
    private int borrowPos(Ast.TypeExpr e, Scope sc) {
        ArrayDeque<Ast.TypeExpr> todo = new ArrayDeque<>();
        todo.push(e);
        while (!todo.isEmpty()) {
            Ast.TypeExpr x = todo.pop();
            List<Ast.TypeExpr> kids = new ArrayList<>();
            if (x instanceof Ast.HandleExpr h) {
                if (h.borrow()) {
                    return h.pos();
                }
            } else if (x instanceof Ast.NameExpr n) {
                TypeDef td = sc.types.get(n.name().name());
                if (td != null && env.hasBorrow.getOrDefault(td, false)) {
                    return n.pos();
                }
            } else if (x instanceof Ast.ListExpr l) {
                kids.add(l.element());
            } else if (x instanceof Ast.FixedListExpr l) {
                kids.add(l.element());
            } else if (x instanceof Ast.OptionExpr o) {
                kids.add(o.element());
            } else if (x instanceof Ast.ResultExpr r) {
                kids.add(r.ok());
                kids.add(r.err());
            } else if (x instanceof Ast.TupleExpr t) {
                kids.addAll(t.elements());
            } else if (x instanceof Ast.MapExpr m) {
                kids.add(m.key());
                kids.add(m.value());
            } else if (x instanceof Ast.FutureExpr f) {
                kids.add(f.element());
            } else if (x instanceof Ast.StreamExpr st) {
                kids.add(st.element());
            }
            for (int i = kids.size() - 1; i >= 0; i--) {
                if (kids.get(i) != null) {
                    todo.push(kids.get(i));
                }
            }
        }
        return e.pos();
    }

    private static boolean isMapKey(Type k) {
        for (int guard = 0; guard < 100_000; guard++) {
            if (k instanceof Type.Primitive p) {
                return p.isMapKey();
            }
            if (k instanceof Type.Named n && n.def().kind() instanceof TypeDefKind.Alias a) {
                k = a.target();
                continue;
            }
            return false;
        }
        return false;
    }

    /** The name a reference was written with, when it is not the definition's own name. */
    private static String via(String written, TypeDef td) {
        return written.equals(td.name()) ? null : written;
    }

    private TypeDef lookupType(Ast.Ident id, Scope sc, String what) {
        String n = id.name();
        TypeDef td = sc.types.get(n);
        if (td != null) {
            return td;
        }
        String feature = sc.disabled.get(n);
        if (feature != null) {
            throw diags.error(sc.src, id.pos(), "type " + q(n) + " used in " + what + " is gated by feature "
                    + q(feature) + ", which is not enabled");
        }
        String other = sc.nonTypes.get(Names.canon(n));
        if (other != null) {
            throw diags.error(sc.src, id.pos(), "unknown type " + q(n) + " in " + what + ": " + q(n) + " is "
                    + other + ", not a type");
        }
        List<String> cands = new ArrayList<>(sc.types.keySet());
        if (sc.defining != null) {
            cands.remove(sc.defining); // referring to it would be a cycle, so it is never the intended name
        }
        for (Type.Primitive p : Type.Primitive.values()) {
            cands.add(p.witName());
        }
        throw diags.error(sc.src, id.pos(), "unknown type " + q(n) + " in " + what + Names.didYouMean(n, cands));
    }

    private boolean hasBorrow(Type t) {
        if (t == null || t instanceof Type.Primitive || t instanceof Type.Own) {
            return false;
        }
        if (t instanceof Type.Borrow) {
            return true;
        }
        if (t instanceof Type.Named n) {
            return env.hasBorrow.getOrDefault(n.def(), false);
        }
        if (t instanceof Type.ListType l) {
            return hasBorrow(l.element());
        }
        if (t instanceof Type.FixedListType l) {
            return hasBorrow(l.element());
        }
        if (t instanceof Type.OptionType o) {
            return hasBorrow(o.element());
        }
        if (t instanceof Type.ResultType r) {
            return hasBorrow(r.ok()) || hasBorrow(r.err());
        }
        if (t instanceof Type.TupleType tt) {
            for (Type x : tt.elements()) {
                if (hasBorrow(x)) {
                    return true;
                }
            }
            return false;
        }
        if (t instanceof Type.MapType m) {
            return hasBorrow(m.key()) || hasBorrow(m.value());
        }
        return false; // future/stream payloads are checked on construction
    }

    private boolean kindHasBorrow(TypeDefKind k) {
        if (k instanceof TypeDefKind.Alias a) {
            return hasBorrow(a.target());
        }
        if (k instanceof TypeDefKind.Record r) {
            for (TypeDefKind.Field f : r.fields()) {
                if (hasBorrow(f.type())) {
                    return true;
                }
            }
        }
        if (k instanceof TypeDefKind.Variant v) {
            for (TypeDefKind.Case c : v.cases()) {
                if (hasBorrow(c.type())) {
                    return true;
                }
            }
        }
        return false;
    }

    // ================================================================== worlds

    private void resolveWorlds() {
        for (WorldDecl d : dependencyOrder(worlds.values(), "world", "includes")) {
            new WorldBuilder(d).build();
        }
    }

    /** Resolves one world, merges its includes and elaborates it. */
    private final class WorldBuilder {
        final WorldDecl decl;
        final World w;
        final SourceFile src;
        final String desc;
        final Namespace imp;
        final Namespace exp;
        final Scope sc;
        final Set<String> impKeys = new HashSet<>();
        final Set<String> expKeys = new HashSet<>();
        final List<Use> uses = new ArrayList<>();
        final List<TypeDef> types = new ArrayList<>();
        final List<WorldItem.InterfaceItem> impIfaces = new ArrayList<>();
        final List<WorldItem.InterfaceItem> expIfaces = new ArrayList<>();
        final List<WorldItem.FunctionItem> impFuncs = new ArrayList<>();
        final List<WorldItem.FunctionItem> expFuncs = new ArrayList<>();

        WorldBuilder(WorldDecl decl) {
            this.decl = decl;
            this.w = decl.world;
            this.src = decl.src;
            this.desc = "world " + q(w.name());
            this.imp = new Namespace(desc + " (imports)");
            this.exp = new Namespace(desc + " (exports)");
            this.sc = new Scope(src, desc, w, w.stability(), imp);
        }

        void build() {
            List<Ast.WorldItem> items = decl.ast.items();
            List<Ast.TypeDefItem> typeItems = only(items, Ast.TypeDefItem.class);
            List<Ast.ImportExport> externs = only(items, Ast.ImportExport.class);
            for (Ast.ImportExport ie : externs) {
                if (ie.name() != null) {
                    sc.nonTypes.putIfAbsent(Names.canon(ie.name().name()),
                            ie.kind() instanceof Ast.FuncExtern ? "a function" : "an interface");
                }
            }
            resolveUses(only(items, Ast.UseItem.class), sc, uses);
            List<TypeDef> resources = resolveTypeDefs(typeItems, sc, types);
            resolveResourceFunctions(typeItems, resources, sc);
            for (Ast.ImportExport ie : externs) {
                diags.guard(() -> importExport(ie));
            }
            for (Ast.Include inc : only(items, Ast.Include.class)) {
                diags.guard(() -> include(inc));
            }
            diags.guard(this::elaborate);
        }

        private void importExport(Ast.ImportExport ie) {
            Stability st = gates.stability(ie.attrs(), src);
            if (!gates.enabled(st)) {
                return;
            }
            String verb = ie.export() ? "export" : "import";
            Namespace ns = ie.export() ? exp : imp;
            Set<String> keys = ie.export() ? expKeys : impKeys;
            String itemDesc = verb + " " + q(ie.name() != null ? ie.name().name()
                    : ((Ast.PathExtern) ie.kind()).path().display());
            Stability e = Gates.eff(st, w.stability());
            String extId = ie.attrs().externalId();
            if (ie.kind() instanceof Ast.FuncExtern fe) {
                String n = ie.name().name();
                ns.claim(n, n, verb, src, ie.name().pos());
                Ast.FuncItem f = fe.func();
                Ast.FuncItem withAttrs = new Ast.FuncItem(ie.docs(), ie.attrs(), f.name(), f.kind(), f.async(),
                        f.params(), f.result(), f.pos());
                Function fn = function(withAttrs, sc, st, e, null);
                (ie.export() ? expFuncs : impFuncs).add(new WorldItem.FunctionItem(fn));
            } else if (ie.kind() instanceof Ast.InlineInterfaceExtern inl) {
                String n = ie.name().name();
                ns.claim(n, n, verb, src, ie.name().pos());
                Interface iface = new Interface(pkg, inlineKey(w, ie.export(), n), "", Stability.UNKNOWN);
                resolveInterfaceBody(iface, inl.items(), src, e, "interface " + q(n) + " of " + desc);
                (ie.export() ? expIfaces : impIfaces).add(new WorldItem.InterfaceItem(n, iface, ie.docs(), st, extId));
            } else {
                Ast.UsePath path = ((Ast.PathExtern) ie.kind()).path();
                Interface iface = lookupInterface(path, src);
                if (ie.name() == null) {
                    if (!keys.add(iface.key())) {
                        throw diags.error(src, path.pos(), "interface " + q(iface.qualifiedName()) + " is "
                                + verb + "ed more than once in " + desc);
                    }
                    (ie.export() ? expIfaces : impIfaces).add(new WorldItem.InterfaceItem(null, iface, ie.docs(), st,
                            extId));
                } else {
                    String n = ie.name().name();
                    ns.claim(n, n, verb, src, ie.name().pos());
                    (ie.export() ? expIfaces : impIfaces).add(new WorldItem.InterfaceItem(n, iface, ie.docs(), st,
                            extId));
                }
            }
        }

        private void include(Ast.Include inc) {
            Stability st = gates.stability(inc.attrs(), src);
            if (!gates.enabled(st)) {
                return;
            }
            World v = lookupWorld(inc.path(), src);
            String vdesc = "world " + q(v.name());
            // plain names of v that may be renamed
            Set<String> plain = new HashSet<>();
            Set<String> ifaceNames = new HashSet<>();
            for (List<WorldItem> items : List.of(v.imports(), v.exports())) {
                for (WorldItem it : items) {
                    if (it instanceof WorldItem.InterfaceItem ii && ii.name() == null) {
                        ifaceNames.add(ii.iface().name());
                    } else {
                        plain.add(it instanceof WorldItem.InterfaceItem ii ? ii.name()
                                : ((WorldItem.FunctionItem) it).function().name());
                    }
                }
            }
            plain.addAll(v.scope().keySet());
            Map<String, String> rename = new HashMap<>();
            // where each name of v enters this world: the new name of a rename, else the included world
            Map<String, Integer> at = new HashMap<>();
            int pathPos = refPos(inc.path());
            for (Ast.IncludeName in : inc.with()) {
                String from = in.from().name();
                if (!plain.contains(from)) {
                    if (ifaceNames.contains(from)) {
                        throw diags.error(src, in.from().pos(), q(from) + " is an interface name in " + vdesc
                                + "; 'with' can only rename plain names");
                    }
                    throw diags.error(src, in.from().pos(), vdesc + " has no import or export named " + q(from)
                            + Names.didYouMean(from, plain));
                }
                if (rename.put(from, in.to().name()) != null) {
                    throw diags.error(src, in.from().pos(), q(from) + " is renamed more than once");
                }
                at.put(from, in.to().pos());
            }
            String hint = " (rename it with 'include " + inc.path().display() + " with { x as y }')";
            Cloner cl = new Cloner();
            List<String> newNames = new ArrayList<>();
            for (TypeDef t : v.types()) {
                newNames.add(rename.getOrDefault(t.name(), t.name()));
            }
            List<TypeDef> clones = cl.cloneDefs(v.types(), newNames, w, env);
            for (Use u : v.uses()) {
                List<Use.UseName> keep = new ArrayList<>();
                for (Use.UseName n : u.names()) {
                    String local = rename.getOrDefault(n.localName(), n.localName());
                    TypeDef existing = sc.types.get(local);
                    if (existing == n.type()) {
                        continue;
                    }
                    addIncludedType(local, n.type(), existing != null, at.getOrDefault(n.localName(), pathPos), vdesc,
                            hint);
                    keep.add(new Use.UseName(n.name(), local, n.type()));
                }
                if (!keep.isEmpty()) {
                    uses.add(new Use(u.from(), keep, u.stability()));
                }
            }
            for (int k = 0; k < clones.size(); k++) {
                TypeDef c = clones.get(k);
                addIncludedType(c.name(), c, false, at.getOrDefault(v.types().get(k).name(), pathPos), vdesc, hint);
                types.add(c);
            }
            mergeItems(v.imports(), false, rename, cl, vdesc, hint, at, pathPos);
            mergeItems(v.exports(), true, rename, cl, vdesc, hint, at, pathPos);
        }

        /**
         * Makes a type of an included world visible here under {@code local}, entering at {@code pos};
         * {@code taken} says the name is already a (different) type of this world.
         */
        private void addIncludedType(String local, TypeDef td, boolean taken, int pos, String vdesc, String hint) {
            if (taken || imp.has(local)) {
                throw diags.error(src, Math.max(pos, imp.posIn(local, src)), "type " + q(local)
                        + " from included " + vdesc + " conflicts with an existing name in " + desc + hint);
            }
            imp.claim(local, local, "type", src, pos);
            sc.types.put(local, td);
        }

        private void mergeItems(List<WorldItem> items, boolean export, Map<String, String> rename, Cloner cl,
                String vdesc, String hint, Map<String, Integer> at, int pathPos) {
            Namespace ns = export ? exp : imp;
            Set<String> keys = export ? expKeys : impKeys;
            String verb = export ? "export" : "import";
            for (WorldItem it : items) {
                if (it instanceof WorldItem.InterfaceItem ii && ii.name() == null) {
                    if (keys.add(ii.iface().key())) {
                        (export ? expIfaces : impIfaces).add(ii);
                    }
                    continue;
                }
                // a plain name, which 'with' may have renamed
                String old = it instanceof WorldItem.InterfaceItem ii ? ii.name()
                        : ((WorldItem.FunctionItem) it).function().name();
                String n = rename.getOrDefault(old, old);
                int pos = at.getOrDefault(old, pathPos);
                if (ns.has(n)) {
                    throw diags.error(src, Math.max(pos, ns.posIn(n, src)), verb + " " + q(n) + " of included " + vdesc
                            + " conflicts with an existing " + verb + " of " + desc + hint);
                }
                ns.claim(n, n, verb, src, pos);
                if (it instanceof WorldItem.InterfaceItem ii) {
                    Interface iface = ii.iface().name() == null
                            ? cl.cloneInline(ii.iface(), inlineKey(w, export, n), env) : ii.iface();
                    (export ? expIfaces : impIfaces).add(new WorldItem.InterfaceItem(n, iface, ii.docs(),
                            ii.stability(), ii.externalId()));
                } else {
                    Function f = ((WorldItem.FunctionItem) it).function();
                    (export ? expFuncs : impFuncs).add(new WorldItem.FunctionItem(cl.function(f).withName(n)));
                }
            }
        }

        /** Adds implicit imports and orders imports/exports (see {@link WitPrinter}). */
        private void elaborate() {
            LinkedHashMap<String, WorldItem.InterfaceItem> imports = new LinkedHashMap<>();
            for (WorldItem.InterfaceItem ii : impIfaces) {
                addImport(imports, ii);
            }
            for (Use u : uses) {
                addImport(imports, new WorldItem.InterfaceItem(null, u.from(), "",
                        gates.implicitStability(u.stability(), u.from()), null));
            }
            Set<String> exportKeys = new HashSet<>();
            for (WorldItem.InterfaceItem ii : expIfaces) {
                if (ii.name() == null) {
                    exportKeys.add(itemKey(ii));
                }
            }
            LinkedHashMap<String, WorldItem.InterfaceItem> exports = new LinkedHashMap<>();
            Set<Interface> required = new HashSet<>();
            for (WorldItem.InterfaceItem ii : expIfaces) {
                Interface conflict = addExport(imports, exports, exportKeys, required, ii);
                if (conflict != null) {
                    throw diags.error(src, decl.ast.name().pos(), desc + " exports " + q(ii.externName())
                            + ", whose dependencies need interface " + q(conflict.qualifiedName())
                            + " as an import, but " + q(conflict.qualifiedName())
                            + " is also exported; export the interfaces in between as well");
                }
            }
            List<WorldItem> is = new ArrayList<>(imports.values());
            is.addAll(impFuncs);
            List<WorldItem> es = new ArrayList<>(exports.values());
            es.addAll(expFuncs);
            w.init(uses, types, is, es);
        }

        private static String itemKey(WorldItem.InterfaceItem ii) {
            return ii.name() == null ? "#" + ii.iface().key() : "=" + ii.name();
        }

        private void addImport(LinkedHashMap<String, WorldItem.InterfaceItem> imports, WorldItem.InterfaceItem root) {
            if (imports.containsKey(itemKey(root))) {
                return;
            }
            ArrayDeque<WorldItem.InterfaceItem> items = new ArrayDeque<>();
            ArrayDeque<Iterator<Interface>> its = new ArrayDeque<>();
            items.push(root);
            its.push(root.iface().dependencies().iterator());
            while (!items.isEmpty()) {
                Iterator<Interface> it = its.peek();
                WorldItem.InterfaceItem top = items.peek();
                if (it.hasNext()) {
                    Interface d = it.next();
                    WorldItem.InterfaceItem di = new WorldItem.InterfaceItem(null, d, "",
                            gates.implicitStability(top.stability(), d), null);
                    if (!imports.containsKey(itemKey(di))) {
                        items.push(di);
                        its.push(d.dependencies().iterator());
                    }
                } else {
                    items.pop();
                    its.pop();
                    imports.putIfAbsent(itemKey(top), top);
                }
            }
        }

        /** Returns null on success, else the interface that would be both imported and exported. */
        private Interface addExport(LinkedHashMap<String, WorldItem.InterfaceItem> imports,
                LinkedHashMap<String, WorldItem.InterfaceItem> exports, Set<String> exportKeys,
                Set<Interface> required, WorldItem.InterfaceItem root) {
            final class Frame {
                final WorldItem.InterfaceItem item;
                final boolean asExport;
                final Iterator<Interface> deps;

                Frame(WorldItem.InterfaceItem item, boolean asExport) {
                    this.item = item;
                    this.asExport = asExport;
                    this.deps = item.iface().dependencies().iterator();
                }
            }
            ArrayDeque<Frame> stack = new ArrayDeque<>();
            if (exports.containsKey(itemKey(root))) {
                return null;
            }
            stack.push(new Frame(root, true));
            while (!stack.isEmpty()) {
                Frame top = stack.peek();
                if (top.deps.hasNext()) {
                    Interface d = top.deps.next();
                    WorldItem.InterfaceItem di = new WorldItem.InterfaceItem(null, d, "",
                            gates.implicitStability(top.item.stability(), d), null);
                    String k = itemKey(di);
                    boolean asExport = top.asExport && exportKeys.contains(k);
                    if (exports.containsKey(k)) {
                        if (!asExport) {
                            return d;
                        }
                        continue;
                    }
                    if (!asExport && required.contains(d)) {
                        continue;
                    }
                    stack.push(new Frame(di, asExport));
                } else {
                    stack.pop();
                    String k = itemKey(top.item);
                    if (top.asExport) {
                        if (required.contains(top.item.iface()) && top.item.name() == null) {
                            return top.item.iface();
                        }
                        exports.put(k, top.item);
                    } else {
                        required.add(top.item.iface());
                        imports.putIfAbsent(k, top.item);
                    }
                }
            }
            return null;
        }
    }

    static String inlineKey(World w, boolean export, String name) {
        return w.key() + "#" + (export ? "export" : "import") + ":" + name;
    }
}
