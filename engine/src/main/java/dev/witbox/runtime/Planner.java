package dev.witbox.runtime;

import dev.witbox.abi.FunctionType;
import dev.witbox.abi.ResourceType;
import dev.witbox.abi.StringEncoding;
import dev.witbox.abi.ValueType;
import dev.witbox.api.WitboxException;
import dev.witbox.component.Alias;
import dev.witbox.component.Canon;
import dev.witbox.component.CanonOptions;
import dev.witbox.component.Component;
import dev.witbox.component.CoreInstance;
import dev.witbox.component.CoreModule;
import dev.witbox.component.CoreModuleSignature;
import dev.witbox.component.Decl;
import dev.witbox.component.DefinedType;
import dev.witbox.component.Export;
import dev.witbox.component.ExternType;
import dev.witbox.component.Import;
import dev.witbox.component.Instance;
import dev.witbox.component.PrimitiveType;
import dev.witbox.component.Section;
import dev.witbox.component.Sort;
import dev.witbox.component.TypeDef;
import dev.witbox.component.ValType;
import dev.witbox.internal.chicory.CompiledCodeSources;
import dev.witbox.internal.chicory.CoreImport;
import dev.witbox.internal.chicory.CoreModuleCode;
import dev.witbox.internal.chicory.ExecutionMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Walks a decoded component as if instantiating it, once, and writes down the {@link InstantiationPlan}.
 *
 * <p>Like wasmtime's inliner and jco's bindgen, it flattens the component tree: nested component
 * instances, aliases, re-exports and type imports are resolved statically (a nested component's imported
 * types become its arguments' types), so that what is left to do per instance is a straight list of core
 * instantiations plus the trampolines between them. Each nested component instance gets its own canonical
 * ABI instance; each resource type definition gets one {@link ResourceType} per plugin, and the ABI keeps
 * handles of different instances apart by their owner.
 */
final class Planner {

    private final String pluginId;
    private final ExecutionMode mode;
    private final CompiledCodeSources compiledCode;
    private final int maxCallDepth;
    private final List<CoreModuleCode> modules = new ArrayList<>();
    /** Per module, its import and export types, for checking core instantiation arguments. */
    private final List<CoreModuleSignature> signatures = new ArrayList<>();
    /** Per core instance slot, the module it instantiates. */
    private final Map<Integer, Integer> slotModules = new HashMap<>();
    /** Core modules are compiled once even when a nested component is instantiated twice. */
    private final Map<CoreModule, Integer> moduleIndex = new IdentityHashMap<>();
    private final List<String> abiInstances = new ArrayList<>();
    private final List<InstantiationPlan.CoreStep> steps = new ArrayList<>();
    private final List<InstantiationPlan.TrampolineDef> trampolines = new ArrayList<>();
    private final List<InstantiationPlan.LiftDef> lifts = new ArrayList<>();
    private final List<InstantiationPlan.ResourceDef> resources = new ArrayList<>();
    private final List<InstantiationPlan.HostImport> hostImports = new ArrayList<>();
    /** Resources instance and component types declare abstractly; an instantiation argument binds them. */
    private final Set<ResourceType> abstractResources = Collections.newSetFromMap(new IdentityHashMap<>());
    private int coreSlots;

    Planner(String pluginId, ExecutionMode mode, CompiledCodeSources compiledCode, int maxCallDepth) {
        this.pluginId = pluginId;
        this.mode = mode;
        this.compiledCode = compiledCode;
        this.maxCallDepth = maxCallDepth;
    }

    static InstantiationPlan plan(String pluginId, Component component, ExecutionMode mode, CompiledCodeSources compiledCode,
            int maxCallDepth) {
        return new Planner(pluginId, mode, compiledCode, maxCallDepth).planRoot(component);
    }

    private InstantiationPlan planRoot(Component root) {
        Map<String, Item> exports = instantiate(root, null, null, "root");
        List<ExportedFunction> functions = new ArrayList<>();
        Map<String, Item.Func> items = new LinkedHashMap<>();
        for (Map.Entry<String, Item> e : exports.entrySet()) {
            String name = e.getKey();
            if (e.getValue() instanceof Item.Func f) {
                functions.add(new ExportedFunction(name, null, name, f.type()));
                items.put(name, f);
                nameLift(f, name);
            } else if (e.getValue() instanceof Item.Instance inst) {
                for (Map.Entry<String, Item> ie : inst.exports().entrySet()) {
                    if (ie.getValue() instanceof Item.Func f) {
                        String qualified = name + "#" + ie.getKey();
                        functions.add(new ExportedFunction(qualified, name, ie.getKey(), f.type()));
                        items.put(qualified, f);
                        nameLift(f, qualified);
                    }
                }
            }
        }
        return new InstantiationPlan(List.copyOf(modules), List.copyOf(abiInstances), List.copyOf(steps),
                List.copyOf(trampolines), List.copyOf(lifts), List.copyOf(resources), List.copyOf(hostImports),
                List.copyOf(functions), Map.copyOf(items));
    }

    /** Gives a lifted function the name it is exported under, for the ABI's messages. */
    private void nameLift(Item.Func f, String name) {
        if (f instanceof Item.Lifted l) {
            InstantiationPlan.LiftDef d = lifts.get(l.lift());
            lifts.set(l.lift(), new InstantiationPlan.LiftDef(name, d.core(), d.options(), d.type(), d.abi()));
        }
    }

    // ------------------------------------------------------------------ components

    /**
     * Plans one instantiation of {@code component}: {@code args} is null for the root, whose imports the
     * host provides. Returns the instance's exports.
     */
    private Map<String, Item> instantiate(Component component, Frame outer, Map<String, Item> args, String path) {
        int abi = abiInstances.size();
        abiInstances.add(path);
        Frame f = new Frame(outer, abi, path, component.names());
        Map<String, Item> exports = new LinkedHashMap<>();
        for (Section section : component.sections()) {
            if (section instanceof Section.Custom) {
                // custom sections carry no instantiation semantics
            } else if (section instanceof Section.CoreModules m) {
                f.add(Sort.CORE_MODULE, new Item.Module(module(m.module(), path)));
            } else if (section instanceof Section.CoreInstances s) {
                s.instances().forEach(i -> f.add(Sort.CORE_INSTANCE, coreInstance(f, i)));
            } else if (section instanceof Section.CoreTypes s) {
                s.types().forEach(t -> f.add(Sort.CORE_TYPE, new Item.Opaque("core type")));
            } else if (section instanceof Section.Components s) {
                f.add(Sort.COMPONENT, new Item.ComponentDef(s.component(), f));
            } else if (section instanceof Section.Instances s) {
                s.instances().forEach(i -> f.add(Sort.INSTANCE, instance(f, i)));
            } else if (section instanceof Section.Aliases s) {
                s.aliases().forEach(a -> f.add(a.sort(), alias(f, a)));
            } else if (section instanceof Section.Types s) {
                s.types().forEach(t -> f.add(Sort.TYPE, typeDef(f, t)));
            } else if (section instanceof Section.Canons s) {
                s.canons().forEach(c -> f.add(c.sort(), canon(f, c)));
            } else if (section instanceof Section.StartSection s) {
                throw unsupported(path, "component start functions");
            } else if (section instanceof Section.Imports s) {
                for (Import imp : s.imports()) {
                    f.add(imp.type().sort(), args == null ? hostImport(f, imp) : argument(f, imp, args));
                }
            } else if (section instanceof Section.Exports s) {
                for (Export e : s.exports()) {
                    Item item = f.get(e.target().sort(), e.target().index());
                    f.add(e.target().sort(), item);
                    exports.put(e.name().name(), item);
                }
            } else if (section instanceof Section.Values s) {
                throw unsupported(path, "value definitions");
            }
        }
        return exports;
    }

    private Item instance(Frame f, Instance instance) {
        if (instance instanceof Instance.Instantiate i) {
            if (!(f.get(Sort.COMPONENT, i.component()) instanceof Item.ComponentDef def)) {
                throw new IllegalStateException("component " + i.component() + " is not a component");
            }
            Map<String, Item> args = new LinkedHashMap<>();
            for (Instance.Arg a : i.args()) {
                args.put(a.name(), f.get(a.target().sort(), a.target().index()));
            }
            String path = f.path + "/" + f.nameOfNext(Sort.INSTANCE).orElse("instance " + f.size(Sort.INSTANCE));
            return new Item.Instance(instantiate(def.component(), def.outer(), args, path));
        } else if (instance instanceof Instance.FromExports e) {
            Map<String, Item> exports = new LinkedHashMap<>();
            for (Instance.Export x : e.exports()) {
                exports.put(x.name().name(), f.get(x.target().sort(), x.target().index()));
            }
            return new Item.Instance(exports);
        }
        throw new IllegalStateException("unexpected: " + instance);
    }

    /** A nested component's import, satisfied by its instantiation argument. */
    private Item argument(Frame f, Import imp, Map<String, Item> args) {
        Item arg = args.get(imp.name().name());
        if (arg != null) {
            String why = ImportMatch.mismatch(expectedImport(f, imp), arg, abstractResources);
            if (why != null) {
                throw new WitboxException(f.path + ": instantiation argument \"" + imp.name().name()
                        + "\" does not match the import: " + why);
            }
            return arg;
        }
        if (imp.type() instanceof ExternType.Type t && t.bound() instanceof ExternType.Eq eq) {
            return f.get(Sort.TYPE, eq.typeIndex());
        }
        throw new WitboxException(f.path + ": no argument for import " + imp.name());
    }

    /** What an import of a nested component declares, resolved in the instantiated component's frame. */
    private Item expectedImport(Frame f, Import imp) {
        ExternType type = imp.type();
        if (type instanceof ExternType.Type t && !(t.bound() instanceof ExternType.Eq)) {
            // a fresh abstract resource: any resource fills it, and the import is then that resource
            ResourceType fresh = new ResourceType(imp.name().name());
            abstractResources.add(fresh);
            return new Item.Resource(fresh);
        }
        return declared(f, imp.name().name(), type);
    }

    /** An import of the root component: a function (or instance of functions, or type) the host provides. */
    private Item hostImport(Frame f, Import imp) {
        String name = imp.name().name();
        if (imp.type() instanceof ExternType.Func fn) {
            return hostFunc(null, name, funcType(f, fn.typeIndex()));
        } else if (imp.type() instanceof ExternType.Instance it) {
            if (!(f.get(Sort.TYPE, it.typeIndex()) instanceof Item.InstanceType type)) {
                throw new IllegalStateException("import " + name + " is not typed by an instance type");
            }
            Map<String, Item> exports = new LinkedHashMap<>();
            for (Map.Entry<String, Item> e : type.exports().entrySet()) {
                exports.put(e.getKey(), e.getValue() instanceof Item.DeclaredFunc d
                        ? hostFunc(name, e.getKey(), d.type()) : e.getValue());
            }
            return new Item.Instance(exports);
        } else if (imp.type() instanceof ExternType.Type t) {
            return t.bound() instanceof ExternType.Eq eq
                    ? f.get(Sort.TYPE, eq.typeIndex())
                    : new Item.Resource(new ResourceType(name));
        } else if (imp.type() instanceof ExternType.Module m) {
            throw unsupported(f.path, "importing core module " + name);
        } else if (imp.type() instanceof ExternType.Component c) {
            throw unsupported(f.path, "importing component " + name);
        } else if (imp.type() instanceof ExternType.Value v) {
            throw unsupported(f.path, "importing value " + name);
        }
        throw new IllegalStateException("unexpected: " + imp.type());
    }

    private Item.HostFunc hostFunc(String iface, String name, FunctionType type) {
        hostImports.add(new InstantiationPlan.HostImport(iface, name, type));
        return new Item.HostFunc(hostImports.size() - 1, type);
    }

    // ------------------------------------------------------------------ core

    private int module(CoreModule m, String path) {
        Integer known = moduleIndex.get(m);
        if (known != null) {
            return known;
        }
        String name = path + " core module " + modules.size() + " (" + m.size() + " bytes at offset 0x"
                + Integer.toHexString(m.offset()) + ")";
        modules.add(CoreModuleCode.compile(name, m.bytes(), mode, compiledCode, maxCallDepth));
        signatures.add(CoreModuleSignature.read(m.bytes()));
        moduleIndex.put(m, modules.size() - 1);
        return modules.size() - 1;
    }

    private Item coreInstance(Frame f, CoreInstance ci) {
        if (ci instanceof CoreInstance.Instantiate i) {
            if (!(f.get(Sort.CORE_MODULE, i.module()) instanceof Item.Module m)) {
                throw new IllegalStateException("core module " + i.module() + " is not a module");
            }
            Map<String, Item> args = new LinkedHashMap<>();
            for (CoreInstance.Arg a : i.args()) {
                args.put(a.name(), f.get(a.target().sort(), a.target().index()));
            }
            CoreModuleCode code = modules.get(m.module());
            List<CoreModuleSignature.Import> types = signatures.get(m.module()).imports();
            List<Item.CoreItem> imports = new ArrayList<>();
            for (CoreImport imp : code.imports()) {
                Item arg = args.get(imp.module());
                if (arg == null) {
                    throw new WitboxException(f.path + ": " + code.name() + " imports " + imp
                            + ", but no instance named \"" + imp.module() + "\" is passed to it");
                }
                Item.CoreItem given = coreExport(f, arg, imp.name(), sortOf(imp.kind()));
                if (types.size() == code.imports().size()) {
                    String why = CoreModuleSignature.mismatch(types.get(imports.size()).type(), coreType(given));
                    if (why != null) {
                        throw new WitboxException(f.path + ": " + code.name() + " imports " + imp
                                + ", which the instantiation argument does not match: " + why);
                    }
                }
                imports.add(given);
            }
            int slot = coreSlots++;
            slotModules.put(slot, m.module());
            steps.add(new InstantiationPlan.CoreStep(slot, m.module(), List.copyOf(imports)));
            return new Item.CoreInstance(slot, m.module());
        } else if (ci instanceof CoreInstance.FromExports e) {
            Map<String, Item.CoreItem> exports = new LinkedHashMap<>();
            for (CoreInstance.Export x : e.exports()) {
                exports.put(x.name(), (Item.CoreItem) f.get(x.target().sort(), x.target().index()));
            }
            return new Item.CoreBag(exports);
        }
        throw new IllegalStateException("unexpected: " + ci);
    }

    /** The core type of an export of an instantiated module, when known (lowered functions are checked by the decoder). */
    private CoreModuleSignature.Extern coreType(Item.CoreItem item) {
        if (item instanceof Item.CoreExport e && slotModules.containsKey(e.slot())) {
            return signatures.get(slotModules.get(e.slot())).export(e.name()).orElse(null);
        }
        return null;
    }

    /** Export {@code name} of a core instance item. */
    private Item.CoreItem coreExport(Frame f, Item instance, String name, Sort sort) {
        if (instance instanceof Item.CoreInstance ci) {
            CoreModuleCode code = modules.get(ci.module());
            if (code.exportKind(name).isEmpty()) {
                throw new WitboxException(f.path + ": " + code.name() + " has no export \"" + name + "\"");
            }
            return new Item.CoreExport(ci.slot(), name, sort);
        } else if (instance instanceof Item.CoreBag bag) {
            Item.CoreItem item = bag.exports().get(name);
            if (item == null) {
                throw new WitboxException(f.path + ": core instance has no export \"" + name + "\"");
            }
            return item;
        } else {
            throw new IllegalStateException(f.path + ": not a core instance: " + instance);
        }
    }

    private static Sort sortOf(CoreImport.Kind kind) {
        return switch (kind) {
            case FUNC -> Sort.CORE_FUNC;
            case TABLE -> Sort.CORE_TABLE;
            case MEMORY -> Sort.CORE_MEMORY;
            case GLOBAL -> Sort.CORE_GLOBAL;
            case TAG -> Sort.CORE_TAG;
        };
    }

    // ------------------------------------------------------------------ aliases

    private Item alias(Frame f, Alias alias) {
        if (alias instanceof Alias.InstanceExport e) {
            Item inst = f.get(Sort.INSTANCE, e.instance());
            Map<String, Item> exports = inst instanceof Item.Instance i ? i.exports()
                    : inst instanceof Item.InstanceType t ? t.exports() : null;
            Item item = exports == null ? null : exports.get(e.name());
            if (item == null) {
                throw new WitboxException(f.path + ": instance " + e.instance() + " has no export \"" + e.name() + "\"");
            }
            return item;
        } else if (alias instanceof Alias.CoreInstanceExport e) {
            return coreExport(f, f.get(Sort.CORE_INSTANCE, e.coreInstance()), e.name(), e.sort());
        } else if (alias instanceof Alias.Outer o) {
            return f.outer(o.count()).get(o.sort(), o.index());
        }
        throw new IllegalStateException("unexpected: " + alias);
    }

    // ------------------------------------------------------------------ canon

    private Item canon(Frame f, Canon canon) {
        if (canon instanceof Canon.Lift l) {
            FunctionType type = funcType(f, l.typeIndex());
            Item.CoreItem core = (Item.CoreItem) f.get(Sort.CORE_FUNC, l.coreFunc());
            String name = f.nameOfNext(Sort.FUNC).orElse("func " + f.size(Sort.FUNC));
            lifts.add(new InstantiationPlan.LiftDef(name, core, options(f, l.options()), type, f.abi));
            return new Item.Lifted(lifts.size() - 1, type);
        } else if (canon instanceof Canon.Lower l) {
            if (!(f.get(Sort.FUNC, l.func()) instanceof Item.Func target)) {
                throw new IllegalStateException("func " + l.func() + " is not a function");
            }
            String name = f.nameOfNext(Sort.CORE_FUNC).orElse("func " + l.func());
            return trampoline(new InstantiationPlan.LowerDef(name, target, options(f, l.options()), f.abi));
        } else if (canon instanceof Canon.ResourceNew r) {
            return builtin(f, InstantiationPlan.ResourceBuiltin.Kind.NEW, r.resourceType());
        } else if (canon instanceof Canon.ResourceRep r) {
            return builtin(f, InstantiationPlan.ResourceBuiltin.Kind.REP, r.resourceType());
        } else if (canon instanceof Canon.ResourceDrop r) {
            return builtin(f, InstantiationPlan.ResourceBuiltin.Kind.DROP, r.resourceType());
        } else {
            throw unsupported(f.path, "canon " + canon.getClass().getSimpleName().toLowerCase()
                    + " (async, threads and error contexts are not supported)");
        }
    }

    private Item builtin(Frame f, InstantiationPlan.ResourceBuiltin.Kind kind, int typeIndex) {
        return trampoline(new InstantiationPlan.ResourceBuiltin(kind, resource(f, typeIndex), f.abi));
    }

    private Item trampoline(InstantiationPlan.TrampolineDef def) {
        trampolines.add(def);
        return new Item.Trampoline(trampolines.size() - 1);
    }

    private InstantiationPlan.Options options(Frame f, CanonOptions o) {
        StringEncoding encoding = switch (o.stringEncoding()) {
            case UTF8 -> StringEncoding.UTF8;
            case UTF16 -> StringEncoding.UTF16;
            case LATIN1_UTF16 -> StringEncoding.LATIN1_UTF16;
        };
        Item.CoreItem memory = o.memory().isPresent() ? (Item.CoreItem) f.get(Sort.CORE_MEMORY, o.memory().getAsInt()) : null;
        Item.CoreItem realloc = o.realloc().isPresent() ? (Item.CoreItem) f.get(Sort.CORE_FUNC, o.realloc().getAsInt()) : null;
        Item.CoreItem post = o.postReturn().isPresent() ? (Item.CoreItem) f.get(Sort.CORE_FUNC, o.postReturn().getAsInt()) : null;
        return new InstantiationPlan.Options(encoding, memory, realloc, post);
    }

    // ------------------------------------------------------------------ types

    Item typeDef(Frame f, TypeDef def) {
        if (def instanceof DefinedType d) {
            return new Item.ValueTypeItem(valueType(f, d));
        } else if (def instanceof TypeDef.Func fn) {
            return new Item.FuncType(functionType(f, fn));
        } else if (def instanceof TypeDef.InstanceType it) {
            return new Item.InstanceType(declarations(f, it.decls()));
        } else if (def instanceof TypeDef.ComponentType ct) {
            return new Item.ComponentType();
        } else if (def instanceof TypeDef.Resource r) {
            ResourceType type = new ResourceType(f.nameOfNext(Sort.TYPE).orElse("resource-" + f.size(Sort.TYPE)));
            Item.CoreItem dtor = r.destructor().isPresent()
                    ? (Item.CoreItem) f.get(Sort.CORE_FUNC, r.destructor().getAsInt()) : null;
            if (f.abi >= 0) {
                resources.add(new InstantiationPlan.ResourceDef(type, f.abi, dtor));
            }
            return new Item.Resource(type);
        }
        throw new IllegalStateException("unexpected: " + def);
    }

    /** The exports an instance type declares, resolved in a scope of its own. */
    private Map<String, Item> declarations(Frame outer, List<Decl> decls) {
        return declarations(outer, decls, new LinkedHashMap<>());
    }

    /**
     * What a component type declares (a WIT world, as a {@code component-type} custom section encodes it):
     * its imports and its exports, by name, resolved in a scope of its own with the same conversion as
     * a component's own types.
     */
    Declared componentTypeDeclarations(Frame outer, List<Decl> decls) {
        Map<String, Item> imports = new LinkedHashMap<>();
        Map<String, Item> exports = declarations(outer, decls, imports);
        return new Declared(imports, exports);
    }

    /** The imports and exports of a component type. */
    record Declared(Map<String, Item> imports, Map<String, Item> exports) {}

    private Map<String, Item> declarations(Frame outer, List<Decl> decls, Map<String, Item> imports) {
        Frame f = new Frame(outer, -1, outer.path + "/type", Optional.empty());
        Map<String, Item> exports = new LinkedHashMap<>();
        for (Decl d : decls) {
            if (d instanceof Decl.CoreTypeDecl c) {
                f.add(Sort.CORE_TYPE, new Item.Opaque("core type"));
            } else if (d instanceof Decl.TypeDecl t) {
                f.add(Sort.TYPE, typeDef(f, t.type()));
            } else if (d instanceof Decl.AliasDecl a) {
                f.add(a.alias().sort(), alias(f, a.alias()));
            } else if (d instanceof Decl.ImportDecl i) {
                Item item = declared(f, i.name().name(), i.type());
                f.add(i.type().sort(), item);
                imports.put(i.name().name(), item);
            } else if (d instanceof Decl.ExportDecl e) {
                Item item = declared(f, e.name().name(), e.type());
                f.add(e.type().sort(), item);
                exports.put(e.name().name(), item);
            }
        }
        return exports;
    }

    private Item declared(Frame f, String name, ExternType type) {
        if (type instanceof ExternType.Func fn) {
            return new Item.DeclaredFunc(funcType(f, fn.typeIndex()));
        } else if (type instanceof ExternType.Type t) {
            return t.bound() instanceof ExternType.Eq eq
                    ? f.get(Sort.TYPE, eq.typeIndex()) : new Item.Resource(abstractResource(name));
        } else if (type instanceof ExternType.Instance i) {
            return f.get(Sort.TYPE, i.typeIndex());
        } else if (type instanceof ExternType.Component c) {
            return new Item.ComponentType();
        } else if (type instanceof ExternType.Module m) {
            return new Item.Opaque("core module type");
        } else if (type instanceof ExternType.Value v) {
            return new Item.Opaque("value");
        }
        throw new IllegalStateException("unexpected: " + type);
    }

    private ResourceType abstractResource(String name) {
        ResourceType type = new ResourceType(name);
        abstractResources.add(type);
        return type;
    }

    private FunctionType funcType(Frame f, int index) {
        Item item = f.get(Sort.TYPE, index);
        if (item instanceof Item.FuncType ft) {
            return ft.type();
        }
        throw new IllegalStateException(f.path + ": type " + index + " is not a function type: " + item);
    }

    private FunctionType functionType(Frame f, TypeDef.Func fn) {
        if (fn.async()) {
            throw unsupported(f.path, "async functions");
        }
        List<FunctionType.Param> params = new ArrayList<>();
        for (TypeDef.Param p : fn.params()) {
            params.add(new FunctionType.Param(p.name(), valType(f, p.type())));
        }
        return new FunctionType(params, fn.result().map(r -> valType(f, r)).orElse(null));
    }

    private ResourceType resource(Frame f, int index) {
        Item item = f.get(Sort.TYPE, index);
        if (item instanceof Item.Resource r) {
            return r.type();
        }
        throw new IllegalStateException(f.path + ": type " + index + " is not a resource type: " + item);
    }

    private ValueType valType(Frame f, ValType t) {
        if (t instanceof PrimitiveType p) {
            return primitive(f, p);
        } else if (t instanceof ValType.TypeRef r) {
            Item item = f.get(Sort.TYPE, r.index());
            if (item instanceof Item.ValueTypeItem v) {
                return v.type();
            }
            throw new IllegalStateException(f.path + ": type " + r.index() + " is not a value type: " + item);
        }
        throw new IllegalStateException("unexpected: " + t);
    }

    private ValueType primitive(Frame f, PrimitiveType p) {
        return switch (p) {
            case BOOL -> ValueType.Scalar.BOOL;
            case S8 -> ValueType.Scalar.S8;
            case U8 -> ValueType.Scalar.U8;
            case S16 -> ValueType.Scalar.S16;
            case U16 -> ValueType.Scalar.U16;
            case S32 -> ValueType.Scalar.S32;
            case U32 -> ValueType.Scalar.U32;
            case S64 -> ValueType.Scalar.S64;
            case U64 -> ValueType.Scalar.U64;
            case F32 -> ValueType.Scalar.F32;
            case F64 -> ValueType.Scalar.F64;
            case CHAR -> ValueType.Scalar.CHAR;
            case STRING -> ValueType.Scalar.STRING;
            case ERROR_CONTEXT -> throw unsupported(f.path, "error-context values");
        };
    }

    private ValueType valueType(Frame f, DefinedType d) {
        if (d instanceof DefinedType.Primitive p) {
            return primitive(f, p.type());
        } else if (d instanceof DefinedType.Record r) {
            return new ValueType.RecordOf(r.fields().stream()
                    .map(x -> new ValueType.Field(x.name(), valType(f, x.type()))).toList());
        } else if (d instanceof DefinedType.Variant v) {
            return new ValueType.VariantOf(v.cases().stream()
                    .map(c -> new ValueType.Case(c.name(), c.type().map(t -> valType(f, t)).orElse(null))).toList());
        } else if (d instanceof DefinedType.ListType l) {
            return new ValueType.ListOf(valType(f, l.element()));
        } else if (d instanceof DefinedType.FixedList l) {
            return new ValueType.FixedListOf(valType(f, l.element()), (int) l.length());
        } else if (d instanceof DefinedType.Tuple t) {
            return new ValueType.TupleOf(t.types().stream().map(x -> valType(f, x)).toList());
        } else if (d instanceof DefinedType.Flags fl) {
            return new ValueType.FlagsOf(fl.labels());
        } else if (d instanceof DefinedType.Enum e) {
            return new ValueType.EnumOf(e.labels());
        } else if (d instanceof DefinedType.Option o) {
            return new ValueType.OptionOf(valType(f, o.type()));
        } else if (d instanceof DefinedType.Result r) {
            return new ValueType.ResultOf(r.ok().map(t -> valType(f, t)).orElse(null),
                    r.error().map(t -> valType(f, t)).orElse(null));
        } else if (d instanceof DefinedType.Own o) {
            return new ValueType.OwnOf(resource(f, o.resourceType()));
        } else if (d instanceof DefinedType.Borrow b) {
            return new ValueType.BorrowOf(resource(f, b.resourceType()));
        } else if (d instanceof DefinedType.Stream s) {
            throw unsupported(f.path, "stream types");
        } else if (d instanceof DefinedType.Future s) {
            throw unsupported(f.path, "future types");
        } else if (d instanceof DefinedType.MapType m) {
            ValueType key = valType(f, m.key());
            if (!(key instanceof ValueType.Scalar s) || s == ValueType.Scalar.F32 || s == ValueType.Scalar.F64) {
                // the decoder checks keys it can see; one behind an imported type is only known here
                throw new WitboxException("plugin '" + pluginId + "' has a map whose key type " + WitSignatures.of(key)
                        + " is not bool, an integer, char or string (in " + f.path + ")");
            }
            return new ValueType.MapOf(key, valType(f, m.value()));
        }
        throw new IllegalStateException("unexpected: " + d);
    }

    private WitboxException unsupported(String path, String what) {
        return new WitboxException("plugin '" + pluginId + "' uses " + what + ", which witbox does not support yet"
                + " (in " + path + ")");
    }
}
