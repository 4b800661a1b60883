package dev.witbox.runtime;

import dev.witbox.abi.FunctionType;
import dev.witbox.abi.ResourceType;
import dev.witbox.abi.StringEncoding;
import dev.witbox.api.WitboxException;
import dev.witbox.component.Component;
import dev.witbox.component.ComponentDecodeException;
import dev.witbox.component.ComponentDecoder;
import dev.witbox.component.Decl;
import dev.witbox.component.ExternType;
import dev.witbox.component.Section;
import dev.witbox.component.Sort;
import dev.witbox.component.TypeDef;
import dev.witbox.internal.chicory.CompiledCodeSources;
import dev.witbox.internal.chicory.CoreImport;
import dev.witbox.internal.chicory.CoreModuleCode;
import dev.witbox.internal.chicory.ExecutionMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Plans a plain core module that carries its WIT world in a {@code component-type} custom section (what
 * {@code wasm-tools component embed} / jco's {@code componentEmbed} produce) as if it had been wrapped into a
 * component by {@code wasm-tools component new}, following the canonical core module conventions of
 * CanonicalABI.md:
 *
 * <ul>
 *   <li>a world function {@code f} is the core export {@code f}, an interface function the export
 *       {@code <iface>#<f>} (resource functions keep their {@code [constructor]r}, {@code [method]r.m},
 *       {@code [static]r.f} names); lifted with memory {@code memory}, realloc {@code cabi_export_realloc} or
 *       else {@code cabi_realloc}, post-return {@code cabi_post_<export>}, when the module exports them;</li>
 *   <li>an imported world function {@code f} is the core import {@code "$root" "f"}, an interface function
 *       {@code "<iface>" "<f>"}; lowered with realloc {@code cabi_import_realloc} or else
 *       {@code cabi_realloc};</li>
 *   <li>a resource {@code r} the module exports from {@code <iface>} has its built-ins imported from
 *       {@code "[export]<iface>"} as {@code [resource-new]r}, {@code [resource-rep]r},
 *       {@code [resource-drop]r} and its destructor exported as {@code <iface>#[dtor]r}; an imported
 *       resource's drop is {@code "<iface>" "[resource-drop]r"} ({@code $root} at world level).</li>
 * </ul>
 *
 * <p>The section's payload is a component whose one type is a WIT package holding the world; it is decoded
 * with {@link ComponentDecoder} and its types are converted by {@link Planner}, the same conversion a
 * component's own types go through. The string encoding comes from its {@code wit-component-encoding}
 * section (utf8 when absent).
 */
final class EmbeddedPlanner {

    static final String SECTION_PREFIX = "component-type";
    private static final String ENCODING_SECTION = "wit-component-encoding";
    private static final int ENCODING_VERSION = 4;
    private static final String ROOT = "$root";
    private static final String WASI_P1 = "wasi_snapshot_preview1";

    /** The plan, and the decoded {@code component-type} payload (the world), for tools that show it. */
    record Embedded(Component world, InstantiationPlan plan) {}

    /** A core function import the world explains. */
    private sealed interface Known {}

    private record ImportedFunc(String iface, String name, FunctionType type) implements Known {}

    private record Builtin(InstantiationPlan.ResourceBuiltin.Kind kind, ResourceType type) implements Known {}

    private final String pluginId;
    private final Planner types;
    private final Map<String, Known> knownImports = new LinkedHashMap<>();
    private final List<InstantiationPlan.TrampolineDef> trampolines = new ArrayList<>();
    private final List<InstantiationPlan.LiftDef> lifts = new ArrayList<>();
    private final List<InstantiationPlan.ResourceDef> resources = new ArrayList<>();
    private final List<InstantiationPlan.HostImport> hostImports = new ArrayList<>();
    private final List<ExportedFunction> exports = new ArrayList<>();
    private final Map<String, Item.Func> exportItems = new LinkedHashMap<>();

    private final int maxCallDepth;

    private EmbeddedPlanner(String pluginId, ExecutionMode mode, CompiledCodeSources compiledCode, int maxCallDepth) {
        this.pluginId = pluginId;
        this.maxCallDepth = maxCallDepth;
        this.types = new Planner(pluginId, mode, compiledCode, maxCallDepth);
    }

    /**
     * Plans a core module, or refuses it: without a {@code component-type} section it is not something
     * witbox can call.
     */
    static Embedded plan(String pluginId, byte[] bytes, ExecutionMode mode, CompiledCodeSources compiledCode,
            int maxCallDepth) {
        CoreModuleSections sections = CoreModuleSections.read(pluginId, bytes);
        List<CoreModuleSections.Custom> worlds = sections.customs().stream()
                .filter(c -> c.name().startsWith(SECTION_PREFIX)).toList();
        if (worlds.isEmpty()) {
            throw notEmbedded(pluginId, sections.importModules());
        }
        if (worlds.size() > 1) {
            throw new WitboxException("plugin '" + pluginId + "' has " + worlds.size() + " custom sections "
                    + worlds.stream().map(c -> "\"" + c.name() + "\"").toList()
                    + ": merging several embedded worlds is not supported; embed one world, or make a component"
                    + " with `wasm-tools component new`");
        }
        return new EmbeddedPlanner(pluginId, mode, compiledCode, maxCallDepth).planModule(worlds.get(0), bytes, mode, compiledCode);
    }

    private static WitboxException notEmbedded(String pluginId, Set<String> importModules) {
        StringBuilder sb = new StringBuilder("plugin '" + pluginId + "' is a core module without a WIT world"
                + " (no \"" + SECTION_PREFIX + "\" custom section), so witbox cannot tell its functions' types: "
                + "embed its world with `wasm-tools component embed` (jco: componentEmbed), or wrap it into a"
                + " component with `wasm-tools component new`");
        if (importModules.contains(WASI_P1)) {
            sb.append("; it imports ").append(WASI_P1).append(" (WASI preview 1): run it as a WASI preview 1"
                    + " command instead (`witbox run`, dev.witbox.wasi.WasiCommand), or adapt it into a"
                    + " component with the wasi_snapshot_preview1 adapter");
        }
        return new WitboxException(sb.toString());
    }

    private Embedded planModule(CoreModuleSections.Custom section, byte[] bytes, ExecutionMode mode,
            CompiledCodeSources compiledCode) {
        Component world = decodeSection(section);
        StringEncoding encoding = encoding(world, section);
        Planner.Declared declared = worldDeclarations(world, section);

        CoreModuleCode code = CoreModuleCode.compile("plugin '" + pluginId + "' core module", bytes, mode,
                compiledCode, maxCallDepth);
        Item.CoreItem memory = code.exportKind("memory").filter(k -> k == CoreImport.Kind.MEMORY).isPresent()
                ? new Item.CoreExport(0, "memory", Sort.CORE_MEMORY) : null;
        Item.CoreItem importRealloc = func(code, "cabi_import_realloc", func(code, "cabi_realloc", null));
        Item.CoreItem exportRealloc = func(code, "cabi_export_realloc", func(code, "cabi_realloc", null));

        // imports first: they define which resources are the host's
        IdentityHashMap<ResourceType, Boolean> imported = new IdentityHashMap<>();
        for (Map.Entry<String, Item> e : declared.imports().entrySet()) {
            String name = e.getKey();
            Item item = e.getValue();
            if (item instanceof Item.DeclaredFunc f) {
                knownImports.put(key(ROOT, name), new ImportedFunc(null, name, f.type()));
            } else if (item instanceof Item.Resource r) {
                imported.put(r.type(), true);
                knownImports.put(key(ROOT, "[resource-drop]" + name),
                        new Builtin(InstantiationPlan.ResourceBuiltin.Kind.DROP, r.type()));
            } else if (item instanceof Item.InstanceType it) {
                for (Map.Entry<String, Item> x : it.exports().entrySet()) {
                    if (x.getValue() instanceof Item.DeclaredFunc f) {
                        knownImports.put(key(name, x.getKey()), new ImportedFunc(name, x.getKey(), f.type()));
                    } else if (x.getValue() instanceof Item.Resource r) {
                        imported.put(r.type(), true);
                        knownImports.put(key(name, "[resource-drop]" + x.getKey()),
                                new Builtin(InstantiationPlan.ResourceBuiltin.Kind.DROP, r.type()));
                    }
                }
            }
        }
        Map<String, FunctionType> exported = new LinkedHashMap<>();
        Map<String, String> exportIface = new HashMap<>();
        for (Map.Entry<String, Item> e : declared.exports().entrySet()) {
            String name = e.getKey();
            Item item = e.getValue();
            if (item instanceof Item.DeclaredFunc f) {
                exported.put(name, f.type());
            } else if (item instanceof Item.Resource r && !imported.containsKey(r.type())) {
                exportedResource(code, ROOT, null, name, r.type());
            } else if (item instanceof Item.InstanceType it) {
                for (Map.Entry<String, Item> x : it.exports().entrySet()) {
                    if (x.getValue() instanceof Item.DeclaredFunc f) {
                        String qualified = name + "#" + x.getKey();
                        exported.put(qualified, f.type());
                        exportIface.put(qualified, name);
                    } else if (x.getValue() instanceof Item.Resource r && !imported.containsKey(r.type())) {
                        exportedResource(code, name, name, x.getKey(), r.type());
                    }
                }
            }
        }

        // the module's imports, each explained by the world
        List<Item.CoreItem> imports = new ArrayList<>();
        Map<String, Item.CoreItem> linked = new HashMap<>();
        for (CoreImport imp : code.imports()) {
            String key = key(imp.module(), imp.name());
            Known known = knownImports.get(key);
            if (known == null || imp.kind() != CoreImport.Kind.FUNC) {
                throw unexplainedImport(imp, declared);
            }
            Item.CoreItem item = linked.get(key);
            if (item == null) {
                item = trampoline(known, new InstantiationPlan.Options(encoding, memory, importRealloc, null));
                linked.put(key, item);
            }
            imports.add(item);
        }

        for (Map.Entry<String, FunctionType> e : exported.entrySet()) {
            String name = e.getKey();
            if (code.exportKind(name).filter(k -> k == CoreImport.Kind.FUNC).isEmpty()) {
                throw new WitboxException("plugin '" + pluginId + "': its WIT world exports " + name + ": "
                        + WitSignatures.of(e.getValue()) + ", but the core module has no function export named \""
                        + name + "\"");
            }
            Item.CoreItem post = func(code, "cabi_post_" + name, null);
            InstantiationPlan.Options options = new InstantiationPlan.Options(encoding, memory, exportRealloc, post);
            lifts.add(new InstantiationPlan.LiftDef(name, new Item.CoreExport(0, name, Sort.CORE_FUNC), options,
                    e.getValue(), 0));
            Item.Lifted lifted = new Item.Lifted(lifts.size() - 1, e.getValue());
            String iface = exportIface.get(name);
            String functionName = iface == null ? name : name.substring(iface.length() + 1);
            exports.add(new ExportedFunction(name, iface, functionName, e.getValue()));
            exportItems.put(name, lifted);
        }

        InstantiationPlan plan = new InstantiationPlan(List.of(code), List.of("root"),
                List.of(new InstantiationPlan.CoreStep(0, 0, List.copyOf(imports))), List.copyOf(trampolines),
                List.copyOf(lifts), List.copyOf(resources), List.copyOf(hostImports), List.copyOf(exports),
                Map.copyOf(exportItems));
        return new Embedded(world, plan);
    }

    /** A resource the module defines: its built-ins under {@code [export]<iface>}, its destructor export. */
    private void exportedResource(CoreModuleCode code, String module, String iface, String name, ResourceType type) {
        String dtorName = (iface == null ? "" : iface + "#") + "[dtor]" + name;
        resources.add(new InstantiationPlan.ResourceDef(type, 0, func(code, dtorName, null)));
        String builtins = "[export]" + module;
        knownImports.put(key(builtins, "[resource-new]" + name),
                new Builtin(InstantiationPlan.ResourceBuiltin.Kind.NEW, type));
        knownImports.put(key(builtins, "[resource-rep]" + name),
                new Builtin(InstantiationPlan.ResourceBuiltin.Kind.REP, type));
        knownImports.put(key(builtins, "[resource-drop]" + name),
                new Builtin(InstantiationPlan.ResourceBuiltin.Kind.DROP, type));
    }

    private Item.CoreItem trampoline(Known known, InstantiationPlan.Options options) {
        if (known instanceof ImportedFunc f) {
            hostImports.add(new InstantiationPlan.HostImport(f.iface(), f.name(), f.type()));
            Item.HostFunc host = new Item.HostFunc(hostImports.size() - 1, f.type());
            String name = f.iface() == null ? f.name() : f.iface() + "#" + f.name();
            trampolines.add(new InstantiationPlan.LowerDef(name, host, options, 0));
        } else if (known instanceof Builtin b) {
            trampolines.add(new InstantiationPlan.ResourceBuiltin(b.kind(), b.type(), 0));
        }
        return new Item.Trampoline(trampolines.size() - 1);
    }

    private WitboxException unexplainedImport(CoreImport imp, Planner.Declared declared) {
        StringBuilder sb = new StringBuilder("plugin '" + pluginId + "': its core module imports " + imp
                + ", which its WIT world does not explain");
        if (imp.module().equals(WASI_P1)) {
            sb.append(" (a component's core module gets WASI through the wasi_snapshot_preview1 adapter; a plain"
                    + " WASI preview 1 command runs as dev.witbox.wasi.WasiCommand)");
        } else if (imp.kind() != CoreImport.Kind.FUNC) {
            sb.append(" (only functions are imported by the canonical core module conventions)");
        } else {
            sb.append(" (expected \"" + ROOT + "\" \"<function>\" for a world function, \"<interface>\" \"<function>\""
                    + " for an interface function, \"[export]<interface>\" \"[resource-new]<resource>\" for a"
                    + " resource built-in; the world imports ")
                    .append(declared.imports().isEmpty() ? "nothing" : String.join(", ", declared.imports().keySet()))
                    .append(")");
        }
        return new WitboxException(sb.toString());
    }

    private static Item.CoreItem func(CoreModuleCode code, String name, Item.CoreItem otherwise) {
        return code.exportKind(name).filter(k -> k == CoreImport.Kind.FUNC).isPresent()
                ? new Item.CoreExport(0, name, Sort.CORE_FUNC) : otherwise;
    }

    private static String key(String module, String name) {
        return module + "\u0000" + name;
    }

    // ------------------------------------------------------------------ the section

    private Component decodeSection(CoreModuleSections.Custom section) {
        try {
            return ComponentDecoder.strict().decodeComponent(section.payload());
        } catch (ComponentDecodeException e) {
            throw new WitboxException(where(section) + " does not hold a valid WIT world: " + e.getMessage()
                    + " (offset within the section's payload; 0x"
                    + Long.toHexString(section.payloadOffset() + e.offset()) + " in the module)", e);
        }
    }

    private String where(CoreModuleSections.Custom section) {
        return "plugin '" + pluginId + "': its custom section \"" + section.name() + "\" (payload at offset 0x"
                + Integer.toHexString(section.payloadOffset()) + ")";
    }

    private StringEncoding encoding(Component world, CoreModuleSections.Custom section) {
        for (Section s : world.sections()) {
            if (s instanceof Section.Custom c && c.name().equals(ENCODING_SECTION)) {
                byte[] data = c.data();
                if (data.length < 2 || data[0] != ENCODING_VERSION) {
                    throw new WitboxException(where(section) + " has a \"" + ENCODING_SECTION + "\" section of"
                            + " version " + (data.length == 0 ? "(none)" : data[0]) + "; witbox reads version "
                            + ENCODING_VERSION);
                }
                return switch (data[1]) {
                    case 0 -> StringEncoding.UTF8;
                    case 1 -> StringEncoding.UTF16;
                    case 2 -> StringEncoding.LATIN1_UTF16;
                    default -> throw new WitboxException(where(section) + " names string encoding 0x"
                            + Integer.toHexString(data[1] & 0xff) + ", which is none of utf8 (0), utf16 (1),"
                            + " latin1+utf16 (2)");
                };
            }
        }
        return StringEncoding.UTF8;
    }

    /**
     * The world: the payload's types are a WIT package, a component type that declares the world (itself a
     * component type) and exports it as {@code ns:pkg/world}.
     */
    private Planner.Declared worldDeclarations(Component payload, CoreModuleSections.Custom section) {
        Frame root = new Frame(null, -1, "component-type", Optional.empty());
        List<String> names = new ArrayList<>();
        Planner.Declared world = null;
        for (Section s : payload.sections()) {
            if (!(s instanceof Section.Types t)) {
                continue;
            }
            for (TypeDef def : t.types()) {
                if (def instanceof TypeDef.ComponentType pkg) {
                    Frame p = new Frame(root, -1, "component-type/package", Optional.empty());
                    Map<Integer, List<Decl>> componentTypes = new HashMap<>();
                    for (Decl d : pkg.decls()) {
                        if (d instanceof Decl.TypeDecl td && td.type() instanceof TypeDef.ComponentType ct) {
                            componentTypes.put(p.size(Sort.TYPE), ct.decls());
                            p.add(Sort.TYPE, new Item.ComponentType());
                        } else if (d instanceof Decl.TypeDecl td) {
                            p.add(Sort.TYPE, types.typeDef(p, td.type()));
                        } else if (d instanceof Decl.ExportDecl e && e.type() instanceof ExternType.Component c
                                && componentTypes.containsKey(c.typeIndex())) {
                            names.add(e.name().name());
                            world = types.componentTypeDeclarations(p, componentTypes.get(c.typeIndex()));
                        }
                    }
                    root.add(Sort.TYPE, new Item.ComponentType());
                } else {
                    root.add(Sort.TYPE, types.typeDef(root, def));
                }
            }
        }
        if (names.size() != 1) {
            throw new WitboxException(where(section) + " should describe exactly one world, but describes "
                    + (names.isEmpty() ? "none" : names.size() + ": " + names));
        }
        return world;
    }
}
