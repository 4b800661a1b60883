package dev.witbox.component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Single-pass decoder and validator for the component binary format (Binary.md). Index spaces are built
 * incrementally, exactly as validation requires, so every reference is checked against the definitions
 * that precede it.
 */
final class ComponentParser {

    /** Nesting limit for components, component/instance/module types: deep input fails cleanly. */
    static final int MAX_DEPTH = 100;
    /** Start definitions add their result count to the value space without consuming bytes. */
    static final int MAX_START_RESULTS = 1000;

    final ByteReader r;
    final TypeParser types;
    final CoreTypeParser coreTypes;
    final NameDeclarations names;
    final List<UnsupportedFeature> unsupported = new ArrayList<>();
    private int depth;
    /** The scope of the component {@link #component} just returned (kept out of the public model). */
    private Scope lastScope;

    ComponentParser(byte[] data) {
        this.r = new ByteReader(data);
        this.types = new TypeParser(this);
        this.coreTypes = new CoreTypeParser(this);
        this.names = new NameDeclarations(this);
    }

    void unsupported(String feature, int at) {
        unsupported.add(new UnsupportedFeature(feature, r.section(), at));
    }

    void enterDepth(int at) {
        if (++depth > MAX_DEPTH) {
            throw r.error(at, "nesting deeper than " + MAX_DEPTH + " components/types");
        }
    }

    void leaveDepth() {
        depth--;
    }

    Scope enterScope(Scope.Kind kind, Scope parent, int at) {
        enterDepth(at);
        return new Scope(kind, parent);
    }

    void leaveScope() {
        leaveDepth();
    }

    void checkIndex(Scope scope, Sort sort, int index, int at) {
        int size = scope.size(sort);
        if (index < 0 || index >= size) {
            throw r.error(at, sort.text() + " index " + index + " out of bounds (" + size + " defined)");
        }
    }

    // ---------------------------------------------------------------- preamble

    WasmBinary decodeTop() {
        byte[] d = r.data();
        r.enterSection("preamble");
        if (d.length < 8) {
            throw r.error(0, "expected an 8-byte preamble (magic, version, layer) but the input has only "
                    + d.length + " bytes");
        }
        checkMagic(0);
        int version = (d[4] & 0xff) | (d[5] & 0xff) << 8;
        int layer = (d[6] & 0xff) | (d[7] & 0xff) << 8;
        if (layer == 0) {
            if (version != 1) {
                throw r.error(4, "core module with unsupported version " + version + ", expected 1");
            }
            return new CoreModuleBinary(d);
        }
        if (layer != 1) {
            throw r.error(6, "unknown layer " + layer + ", expected 0 (core module) or 1 (component)");
        }
        if (version != 0x0d) {
            throw r.error(4, "unsupported component binary version 0x" + Integer.toHexString(version)
                    + ", expected 0x0d");
        }
        r.skip(8);
        return component(0, null);
    }

    private void checkMagic(int at) {
        byte[] d = r.data();
        if (d[at] != 0x00 || d[at + 1] != 0x61 || d[at + 2] != 0x73 || d[at + 3] != 0x6d) {
            throw r.error(at, String.format("expected magic 00 61 73 6d but found %02x %02x %02x %02x",
                    d[at], d[at + 1], d[at + 2], d[at + 3]));
        }
    }

    // ---------------------------------------------------------------- sections

    /** Decodes sections until the current limit; the preamble at {@code start} has been consumed. */
    private Component component(int start, Scope parent) {
        Scope scope = new Scope(Scope.Kind.COMPONENT, parent);
        int mark = unsupported.size();
        List<Section> sections = new ArrayList<>();
        ComponentNames nameSection = null;
        while (!r.atEnd()) {
            int secStart = r.pos();
            r.enterSection("section header");
            int id = r.u8();
            if (id > 12) {
                throw r.error(secStart, "unknown section id " + id);
            }
            String title = Section.titleOf(id);
            r.enterSection(title);
            long size = r.u32();
            int old = r.pushLimit(size, title);
            Section s = section(id, secStart, (int) size, scope);
            if (!r.atEnd()) {
                throw r.error("section size mismatch: " + r.remaining() + " bytes left unread at the end of the section");
            }
            r.popLimit(old);
            r.enterSection(title);
            if (s instanceof Section.Custom c && c.name().equals("component-name")) {
                nameSection = NameSectionParser.parse(c.data());
            }
            sections.add(s);
        }
        lastScope = scope;
        return new Component(sections, scope.indexSpaces(), Optional.ofNullable(nameSection), start,
                r.pos() - start, List.copyOf(unsupported.subList(mark, unsupported.size())));
    }

    private Section section(int id, int secStart, int size, Scope scope) {
        switch (id) {
            case 0 -> {
                String name = r.name("custom section name");
                return new Section.Custom(name, r.bytes(r.remaining()), secStart, size);
            }
            case 1 -> {
                int at = r.pos();
                if (r.remaining() < 8) {
                    throw r.error(at, "core module section must hold a core module (8-byte preamble), found "
                            + r.remaining() + " bytes");
                }
                checkMagic(at);
                byte[] d = r.data();
                if (d[at + 4] != 1 || d[at + 5] != 0 || d[at + 6] != 0 || d[at + 7] != 0) {
                    throw r.error(at + 4, "core module section must hold a core module with version 01 00 00 00");
                }
                CoreModule m = new CoreModule(r.bytes(r.remaining()), at);
                Map<String, Info.Exported> exports = CoreModuleScanner.exports(r.data(), at, m.size());
                scope.add(Sort.CORE_MODULE, exports == null ? Info.UNKNOWN : new Info.CoreModule(exports), m);
                for (String feature : CoreFeatureScan.unsupported(r.data(), at, m.size())) {
                    unsupported(feature + " in core module " + (scope.size(Sort.CORE_MODULE) - 1)
                            + " (Chicory does not run them correctly)", at);
                }
                return new Section.CoreModules(m, secStart, size);
            }
            case 2 -> {
                List<CoreInstance> out = new ArrayList<>();
                int n = r.vecLength("core instance");
                for (int i = 0; i < n; i++) {
                    out.add(coreInstance(scope));
                }
                return new Section.CoreInstances(out, secStart, size);
            }
            case 3 -> {
                List<CoreType> out = new ArrayList<>();
                int n = r.vecLength("core type");
                for (int i = 0; i < n; i++) {
                    out.add(coreTypes.coreType(scope, null));
                }
                return new Section.CoreTypes(out, secStart, size);
            }
            case 4 -> {
                int at = r.pos();
                if (r.remaining() < 8) {
                    throw r.error(at, "component section must hold a component (8-byte preamble), found "
                            + r.remaining() + " bytes");
                }
                checkMagic(at);
                byte[] d = r.data();
                if (d[at + 4] != 0x0d || d[at + 5] != 0 || d[at + 6] != 1 || d[at + 7] != 0) {
                    throw r.error(at + 4, "nested component must have version 0d 00 and layer 01 00");
                }
                r.skip(8);
                enterDepth(at);
                Component c = component(at, scope);
                Scope inner = lastScope;
                leaveDepth();
                scope.add(Sort.COMPONENT, new Info.ComponentType(Map.copyOf(inner.imports),
                        Map.copyOf(inner.exports)), c);
                return new Section.Components(c, secStart, size);
            }
            case 5 -> {
                List<Instance> out = new ArrayList<>();
                int n = r.vecLength("instance");
                for (int i = 0; i < n; i++) {
                    out.add(instance(scope));
                }
                return new Section.Instances(out, secStart, size);
            }
            case 6 -> {
                List<Alias> out = new ArrayList<>();
                int n = r.vecLength("alias");
                for (int i = 0; i < n; i++) {
                    out.add(alias(scope, false));
                }
                return new Section.Aliases(out, secStart, size);
            }
            case 7 -> {
                List<TypeDef> out = new ArrayList<>();
                int n = r.vecLength("type");
                for (int i = 0; i < n; i++) {
                    out.add(types.typeDef(scope));
                }
                return new Section.Types(out, secStart, size);
            }
            case 8 -> {
                List<Canon> out = new ArrayList<>();
                int n = r.vecLength("canon");
                CanonParser cp = new CanonParser(this);
                for (int i = 0; i < n; i++) {
                    out.add(cp.canon(scope));
                }
                return new Section.Canons(out, secStart, size);
            }
            case 9 -> {
                return new Section.StartSection(start(scope), secStart, size);
            }
            case 10 -> {
                List<Import> out = new ArrayList<>();
                int n = r.vecLength("import");
                for (int i = 0; i < n; i++) {
                    int at = r.pos();
                    ExternName name = names.externName("import name");
                    ExternType et = types.externType(scope);
                    if (et instanceof ExternType.Func fn) {
                        java.util.Optional<String> local = ImportVisibility.localResourceIn(scope, fn.typeIndex());
                        if (local.isPresent()) {
                            throw r.error(at, "import \"" + name.name() + "\" uses resource " + local.get()
                                    + ", which this component defines: an import may only use resources imported before it");
                        }
                    }
                    Import imp = new Import(name, et);
                    names.declareImport(scope, name, et, at, imp);
                    out.add(imp);
                }
                return new Section.Imports(out, secStart, size);
            }
            case 11 -> {
                List<Export> out = new ArrayList<>();
                int n = r.vecLength("export");
                for (int i = 0; i < n; i++) {
                    out.add(export(scope));
                }
                return new Section.Exports(out, secStart, size);
            }
            case 12 -> {
                List<Value> out = new ArrayList<>();
                int n = r.vecLength("value");
                for (int i = 0; i < n; i++) {
                    int at = r.pos();
                    ValType t = types.valType(scope);
                    int lenAt = r.pos();
                    long len = r.u32();
                    if (len > r.remaining()) {
                        throw r.error(lenAt, "value length " + len + " exceeds the " + r.remaining() + " bytes remaining");
                    }
                    int valueAt = r.pos();
                    Value v = new Value(t, r.bytes((int) len), valueAt);
                    unsupported("value definition (🪙)", at);
                    scope.add(Sort.VALUE, Info.UNKNOWN, v);
                    out.add(v);
                }
                return new Section.Values(out, secStart, size);
            }
            default -> throw new IllegalStateException("unreachable: section id checked before");
        }
    }

    // ---------------------------------------------------------------- sorts

    Sort coreSort(int at, int b) {
        Sort s = Sort.core(b);
        if (s == null) {
            throw r.error(at, "unknown core sort 0x" + ByteReader.hex(b));
        }
        return s;
    }

    Sort sort() {
        int at = r.pos();
        int b = r.u8();
        if (b == 0x00) {
            int cAt = r.pos();
            return coreSort(cAt, r.u8());
        }
        Sort s = Sort.component(b);
        if (s == null) {
            throw r.error(at, "unknown sort 0x" + ByteReader.hex(b));
        }
        return s;
    }

    private SortIndex sortIndex(Scope scope) {
        Sort s = sort();
        int at = r.pos();
        int i = r.index();
        checkIndex(scope, s, i, at);
        return new SortIndex(s, i);
    }

    // ---------------------------------------------------------------- instances

    private CoreInstance coreInstance(Scope scope) {
        int at = r.pos();
        int tag = r.u8();
        if (tag == 0x00) {
            int mAt = r.pos();
            int m = r.index();
            checkIndex(scope, Sort.CORE_MODULE, m, mAt);
            int n = r.vecLength("core instantiation argument");
            List<CoreInstance.Arg> args = new ArrayList<>();
            Map<String, Boolean> seen = new HashMap<>();
            for (int i = 0; i < n; i++) {
                int aAt = r.pos();
                String name = r.name("core instantiation argument name");
                if (seen.put(name, Boolean.TRUE) != null) {
                    throw r.error(aAt, "duplicate core instantiation argument \"" + name + "\"");
                }
                int sAt = r.pos();
                int s = r.u8();
                if (s != 0x12) {
                    throw r.error(sAt, "core instantiation arguments must be core instances (sort 0x12), found 0x"
                            + ByteReader.hex(s));
                }
                int iAt = r.pos();
                int idx = r.index();
                checkIndex(scope, Sort.CORE_INSTANCE, idx, iAt);
                args.add(new CoreInstance.Arg(name, new SortIndex(Sort.CORE_INSTANCE, idx)));
            }
            CoreInstance ci = new CoreInstance.Instantiate(m, args);
            Info mi = scope.info(Sort.CORE_MODULE, m);
            scope.add(Sort.CORE_INSTANCE, mi instanceof Info.CoreModule cm
                    ? new Info.CoreInstance(cm.exports()) : Info.UNKNOWN, ci);
            return ci;
        } else if (tag == 0x01) {
            int n = r.vecLength("core inline export");
            List<CoreInstance.Export> exports = new ArrayList<>();
            Map<String, Info.Exported> map = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                int eAt = r.pos();
                String name = r.name("core export name");
                int sAt = r.pos();
                Sort s = coreSort(sAt, r.u8());
                if (s == Sort.CORE_TYPE || s == Sort.CORE_MODULE || s == Sort.CORE_INSTANCE) {
                    throw r.error(sAt, "core instances cannot export a " + s.text());
                }
                int iAt = r.pos();
                int idx = r.index();
                checkIndex(scope, s, idx, iAt);
                if (map.put(name, new Info.Exported(s, scope.info(s, idx))) != null) {
                    throw r.error(eAt, "duplicate core export name \"" + name + "\"");
                }
                exports.add(new CoreInstance.Export(name, new SortIndex(s, idx)));
            }
            CoreInstance ci = new CoreInstance.FromExports(exports);
            scope.add(Sort.CORE_INSTANCE, new Info.CoreInstance(Map.copyOf(map)), ci);
            return ci;
        }
        throw r.error(at, "unknown core instance tag 0x" + ByteReader.hex(tag));
    }

    private Instance instance(Scope scope) {
        int at = r.pos();
        int tag = r.u8();
        if (tag == 0x00) {
            int cAt = r.pos();
            int c = r.index();
            checkIndex(scope, Sort.COMPONENT, c, cAt);
            int n = r.vecLength("instantiation argument");
            List<Instance.Arg> args = new ArrayList<>();
            Map<String, SortIndex> byName = new HashMap<>();
            for (int i = 0; i < n; i++) {
                int aAt = r.pos();
                String name = r.name("instantiation argument name");
                SortIndex si = sortIndex(scope);
                if (byName.put(name, si) != null) {
                    throw r.error(aAt, "duplicate instantiation argument \"" + name + "\"");
                }
                args.add(new Instance.Arg(name, si));
            }
            Info ci = scope.info(Sort.COMPONENT, c);
            Info info = Info.UNKNOWN;
            if (ci instanceof Info.ComponentType ct) {
                for (Map.Entry<String, Info.Exported> imp : ct.imports().entrySet()) {
                    SortIndex given = byName.get(imp.getKey());
                    if (given == null) {
                        throw r.error(at, "instantiation of component " + c + " is missing argument \""
                                + imp.getKey() + "\"");
                    }
                    if (given.sort() != imp.getValue().sort()) {
                        throw r.error(at, "instantiation argument \"" + imp.getKey() + "\" is a " + given.sort().text()
                                + " but component " + c + " imports a " + imp.getValue().sort().text());
                    }
                }
                info = new Info.InstanceType(ct.exports());
            }
            Instance inst = new Instance.Instantiate(c, args);
            scope.add(Sort.INSTANCE, info, inst);
            return inst;
        } else if (tag == 0x01) {
            int n = r.vecLength("inline export");
            List<Instance.Export> exports = new ArrayList<>();
            Map<String, Info.Exported> map = new LinkedHashMap<>();
            Map<String, String> canon = new HashMap<>();
            for (int i = 0; i < n; i++) {
                int eAt = r.pos();
                ExternName name = names.externName("inline export name");
                SortIndex si = sortIndex(scope);
                if (si.sort().isCore() && si.sort() != Sort.CORE_MODULE) {
                    throw r.error(eAt, "component instances cannot export a " + si.sort().text());
                }
                names.checkExternName(name, si.sort(), eAt, "export");
                String prev = canon.putIfAbsent(NameRules.canonical(name.name()), name.name());
                if (prev != null) {
                    throw r.error(eAt, "duplicate export name \"" + name.name() + "\"" + NameRules.conflict(name.name(), prev));
                }
                map.put(name.name(), new Info.Exported(si.sort(), scope.info(si.sort(), si.index())));
                exports.add(new Instance.Export(name, si));
            }
            Instance inst = new Instance.FromExports(exports);
            scope.add(Sort.INSTANCE, new Info.InstanceType(Map.copyOf(map)), inst);
            return inst;
        }
        throw r.error(at, "unknown instance tag 0x" + ByteReader.hex(tag));
    }

    // ---------------------------------------------------------------- aliases

    /** Decodes an alias definition ({@code decl == false}) or declarator and appends it to {@code scope}. */
    Alias alias(Scope scope, boolean decl) {
        int at = r.pos();
        Sort sort = sort();
        int tagAt = r.pos();
        int tag = r.u8();
        Alias alias;
        Info info;
        switch (tag) {
            case 0x00 -> {
                int iAt = r.pos();
                int inst = r.index();
                checkIndex(scope, Sort.INSTANCE, inst, iAt);
                String name = r.name("alias export name");
                if (sort.isCore() && sort != Sort.CORE_MODULE) {
                    throw r.error(at, "alias export of a component instance cannot have sort " + sort.text());
                }
                if (decl && sort != Sort.INSTANCE && sort != Sort.TYPE) {
                    throw r.error(at, "export alias declarators may only alias instances and types, not " + sort.text());
                }
                info = Info.UNKNOWN;
                if (scope.info(Sort.INSTANCE, inst) instanceof Info.InstanceType it) {
                    Info.Exported e = it.exports().get(name);
                    if (e == null) {
                        throw r.error(at, "instance " + inst + " has no export named \"" + name + "\"");
                    }
                    if (e.sort() != sort) {
                        throw r.error(at, "export \"" + name + "\" of instance " + inst + " is a " + e.sort().text()
                                + ", not a " + sort.text());
                    }
                    info = e.info();
                }
                alias = new Alias.InstanceExport(sort, inst, name);
            }
            case 0x01 -> {
                if (decl) {
                    throw r.error(tagAt, "core export aliases are not allowed in type declarators");
                }
                int iAt = r.pos();
                int inst = r.index();
                checkIndex(scope, Sort.CORE_INSTANCE, inst, iAt);
                String name = r.name("alias core export name");
                if (!sort.isCore() || sort == Sort.CORE_TYPE || sort == Sort.CORE_MODULE
                        || sort == Sort.CORE_INSTANCE) {
                    throw r.error(at, "alias core export cannot have sort " + sort.text());
                }
                info = Info.UNKNOWN;
                if (scope.info(Sort.CORE_INSTANCE, inst) instanceof Info.CoreInstance ci) {
                    Info.Exported e = ci.exports().get(name);
                    if (e == null) {
                        throw r.error(at, "core instance " + inst + " has no export named \"" + name + "\"");
                    }
                    if (e.sort() != sort) {
                        throw r.error(at, "export \"" + name + "\" of core instance " + inst + " is a "
                                + e.sort().text() + ", not a " + sort.text());
                    }
                    info = e.info();
                }
                alias = new Alias.CoreInstanceExport(sort, inst, name);
            }
            case 0x02 -> {
                int ctAt = r.pos();
                int ct = r.index();
                int idxAt = r.pos();
                int idx = r.index();
                boolean allowed = decl ? (sort == Sort.TYPE || sort == Sort.CORE_TYPE)
                        : (sort == Sort.TYPE || sort == Sort.CORE_TYPE || sort == Sort.CORE_MODULE
                        || sort == Sort.COMPONENT);
                if (!allowed) {
                    throw r.error(at, "outer aliases cannot refer to the " + sort.text() + " sort");
                }
                Scope target = scope;
                boolean crossesComponent = false;
                for (int k = 0; k < ct; k++) {
                    if (target.kind == Scope.Kind.COMPONENT) {
                        crossesComponent = true;
                    }
                    target = target.parent;
                    if (target == null) {
                        throw r.error(ctAt, "outer alias count " + ct + " exceeds the number of enclosing scopes");
                    }
                }
                checkIndex(target, sort, idx, idxAt);
                info = target.info(sort, idx);
                if (crossesComponent && sort == Sort.TYPE && (info instanceof Info.Resource
                        || info instanceof Info.ValueType v && v.shape().resources())) {
                    throw r.error(at, "outer alias of type " + idx + " crosses a component boundary but refers to a resource type");
                }
                alias = new Alias.Outer(sort, ct, idx);
            }
            default -> throw r.error(tagAt, "unknown alias tag 0x" + ByteReader.hex(tag));
        }
        scope.add(sort, info, alias);
        return alias;
    }

    // ---------------------------------------------------------------- start, exports

    private Start start(Scope scope) {
        int at = r.pos();
        int f = r.index();
        checkIndex(scope, Sort.FUNC, f, at);
        int n = r.vecLength("start argument");
        List<Integer> args = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int aAt = r.pos();
            int v = r.index();
            checkIndex(scope, Sort.VALUE, v, aAt);
            args.add(v);
        }
        int resAt = r.pos();
        int results = r.index();
        if (results > MAX_START_RESULTS) {
            throw r.error(resAt, "start result count " + results + " exceeds the limit of " + MAX_START_RESULTS);
        }
        Start s = new Start(f, args, results);
        for (int i = 0; i < results; i++) {
            scope.add(Sort.VALUE, Info.UNKNOWN, new Start.Result(s, i));
        }
        unsupported("start definition (🪙)", at);
        return s;
    }

    private Export export(Scope scope) {
        int at = r.pos();
        ExternName name = names.externName("export name");
        SortIndex si = sortIndex(scope);
        if (si.sort().isCore() && si.sort() != Sort.CORE_MODULE) {
            throw r.error(at, "components can only export core modules, not a " + si.sort().text());
        }
        if (si.sort() == Sort.VALUE) {
            unsupported("value export (🪙)", at);
        }
        int etAt = r.pos();
        Optional<ExternType> ascribed = Optional.empty();
        if (types.optionFlag("export type ascription") == 1) {
            ExternType et = types.externType(scope);
            if (et.sort() != si.sort()) {
                throw r.error(etAt, "export type ascription is a " + et.sort().text() + " but the export is a "
                        + si.sort().text());
            }
            ascribed = Optional.of(et);
        }
        Export e = new Export(name, si, ascribed);
        names.declareExport(scope, name, si.sort(), scope.info(si.sort(), si.index()), at, e);
        return e;
    }
}
