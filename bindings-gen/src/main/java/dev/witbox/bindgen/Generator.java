package dev.witbox.bindgen;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import dev.witbox.wit.Function;
import dev.witbox.wit.FunctionKind;
import dev.witbox.wit.Interface;
import dev.witbox.wit.Param;
import dev.witbox.wit.Stability;
import dev.witbox.wit.Type;
import dev.witbox.wit.TypeDef;
import dev.witbox.wit.TypeDefKind;
import dev.witbox.wit.World;
import dev.witbox.wit.WorldItem;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.element.Modifier;

/** One generation run over one world. Not thread-safe, not reusable. */
final class Generator {

    private static final ClassName WIT_INTERFACE = ClassName.get("dev.witbox.api", "WitInterface");
    private static final ClassName WIT_FUNCTION = ClassName.get("dev.witbox.api", "WitFunction");
    private static final ClassName WIT_TYPE = ClassName.get("dev.witbox.api", "WitType");
    private static final ClassName RESULT = ClassName.get("dev.witbox.api", "Result");
    private static final ClassName LIST = ClassName.get(List.class);
    private static final ClassName MAP = ClassName.get(Map.class);
    private static final ClassName OPTIONAL = ClassName.get(Optional.class);
    private static final ClassName ENUM_SET = ClassName.get(EnumSet.class);
    private static final ClassName VOID = ClassName.get(Void.class);
    private static final ClassName AUTO_CLOSEABLE = ClassName.get(AutoCloseable.class);

    /** A top-level generated type being built. */
    static final class Top {
        final ClassName cls;
        final TypeSpec.Builder spec;
        final boolean deprecated;
        boolean usesDeprecated;

        Top(ClassName cls, TypeSpec.Builder spec, boolean deprecated) {
            this.cls = cls;
            this.spec = spec;
            this.deprecated = deprecated;
        }
    }

    /** An imported or exported interface and the Java interface generated for it. */
    private record Holder(WorldItem.InterfaceItem item, boolean export, ClassName cls, boolean ownsTypes) {
    }

    private final World world;
    private final String pkg;
    private final JavaNames.Scope topScope = new JavaNames.Scope();
    private final List<Top> tops = new ArrayList<>();
    /** TypeDef key → generated class. */
    private final Map<String, ClassName> typeClasses = new HashMap<>();
    /** TypeDef key → the top-level type it is nested in. */
    private final Map<String, ClassName> typeTops = new HashMap<>();
    /** Keys of deprecated definitions and top-level classes whose use warns. */
    private final Map<String, Boolean> typeDeprecated = new HashMap<>();
    private final Map<ClassName, Boolean> topDeprecated = new HashMap<>();
    private final Map<Integer, ClassName> tuples = new HashMap<>();
    /** What the glue classes need to know of the generated code: the Java names chosen for WIT items. */
    private final Map<Function, String> methodNames = new IdentityHashMap<>();
    private final Map<String, List<String>> memberNames = new HashMap<>();
    private final Map<String, List<ClassName>> caseClasses = new HashMap<>();
    private final List<Glue.Target> glueTargets = new ArrayList<>();
    /** Keys of the interfaces the world imports and of those it exports. */
    private final Set<String> importedInterfaces = new HashSet<>();
    private final Set<String> exportedInterfaces = new HashSet<>();
    private Top current;

    Generator(World world, String pkg) {
        this.world = world;
        this.pkg = pkg;
    }

    List<JavaFile> generate() {
        // 1. names of top-level types: interfaces in world order, then the world's own, then tuples
        List<Holder> holders = new ArrayList<>();
        Map<String, ClassName> ownerClasses = new HashMap<>();
        List<WorldItem> items = new ArrayList<>(world.imports());
        int importCount = items.size();
        items.addAll(world.exports());
        List<Function> worldImports = new ArrayList<>();
        List<Function> worldExports = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            boolean export = i >= importCount;
            if (items.get(i) instanceof WorldItem.InterfaceItem ii) {
                Interface iface = ii.iface();
                (export ? exportedInterfaces : importedInterfaces).add(iface.key());
                String base = JavaNames.pascal(iface.name() != null ? iface.name() : ii.name());
                if (!topScope.isFree(base) && iface.name() != null) {
                    base = JavaNames.pascal(iface.pkg().name().name()) + base;
                }
                ClassName cls = ClassName.get(pkg, topScope.take(base));
                boolean owns = !ownerClasses.containsKey(iface.key());
                ownerClasses.putIfAbsent(iface.key(), cls);
                holders.add(new Holder(ii, export, cls, owns));
                topDeprecated.put(cls, deprecated(iface.stability()) || deprecated(ii.stability()));
            } else {
                Function f = ((WorldItem.FunctionItem) items.get(i)).function();
                (export ? worldExports : worldImports).add(f);
            }
        }
        // a world's own types are imported: its resources are the host's, their functions world-level imports
        for (TypeDef t : world.types()) {
            if (t.kind() instanceof TypeDefKind.Resource r) {
                worldImports.addAll(r.functions());
            }
        }
        boolean worldTypes = world.types().stream().anyMatch(t -> !(t.kind() instanceof TypeDefKind.Alias));
        // a world with nothing in it (or nothing left once disabled @unstable items are dropped) still
        // gets its interface, which says so, rather than no output at all
        boolean emptyWorld = holders.isEmpty() && worldImports.isEmpty() && worldExports.isEmpty() && !worldTypes;
        ClassName worldClass = null;
        if (worldTypes || !worldExports.isEmpty() || emptyWorld) {
            String base = JavaNames.pascal(world.name());
            worldClass = ClassName.get(pkg, topScope.take(topScope.isFree(base) ? base : base + "World"));
            ownerClasses.put(world.key(), worldClass);
            topDeprecated.put(worldClass, deprecated(world.stability()));
        }
        ClassName worldImportsClass = null;
        if (!worldImports.isEmpty()) {
            worldImportsClass = ClassName.get(pkg, topScope.take(JavaNames.pascal(world.name()) + "Imports"));
            topDeprecated.put(worldImportsClass, deprecated(world.stability()));
        }
        TreeSet<Integer> arities = new TreeSet<>();
        new TupleScan(arities).world(world);
        for (int n : arities) {
            tuples.put(n, ClassName.get(pkg, topScope.take("Tuple" + n)));
        }

        // 2. names of the types nested in them
        for (Holder h : holders) {
            if (h.ownsTypes()) {
                nameTypes(h.item().iface().types(), h.cls());
            }
        }
        if (worldClass != null) {
            nameTypes(world.types(), worldClass);
        }

        // 3. the types themselves
        for (Holder h : holders) {
            tops.add(holder(h));
        }
        if (worldClass != null) {
            tops.add(worldType(worldClass, worldExports, true));
        }
        if (worldImportsClass != null) {
            tops.add(worldType(worldImportsClass, worldImports, false));
        }
        for (int n : arities) {
            tops.add(tuple(n, tuples.get(n)));
        }

        List<JavaFile> files = new ArrayList<>();
        for (Glue.Target target : glueTargets) {
            tops.add(new Glue(this, target).generate());
        }
        for (Top t : tops) {
            if (t.usesDeprecated) {
                t.spec.addAnnotation(AnnotationSpec.builder(SuppressWarnings.class)
                        .addMember("value", "$S", "deprecation").build());
            }
            files.add(JavaFile.builder(t.cls.packageName(), t.spec.build())
                    .addFileComment("Generated by witbox-bindgen from WIT world $L. Do not edit.",
                            world.qualifiedName())
                    .indent("    ")
                    .skipJavaLangImports(true)
                    .build());
        }
        return files;
    }

    // ------------------------------------------------------------------ naming

    private void nameTypes(List<TypeDef> defs, ClassName top) {
        JavaNames.Scope scope = new JavaNames.Scope(top.simpleName());
        for (TypeDef t : defs) {
            if (t.kind() instanceof TypeDefKind.Alias) {
                continue;
            }
            String base = JavaNames.pascal(t.name());
            if (base.equalsIgnoreCase(top.simpleName())) {
                base = base + "Type";
            }
            ClassName cls = top.nestedClass(scope.take(base));
            typeClasses.put(t.key(), cls);
            typeTops.put(t.key(), top);
            typeDeprecated.put(t.key(), deprecated(t.stability()));
        }
    }

    private static boolean deprecated(Stability s) {
        return s != null && s.deprecated() != null;
    }

    // ------------------------------------------------------------------ interfaces

    private Top holder(Holder h) {
        Interface iface = h.item().iface();
        ClassName cls = h.cls();
        TypeSpec.Builder spec = TypeSpec.interfaceBuilder(cls).addModifiers(Modifier.PUBLIC);
        Top top = new Top(cls, spec, topDeprecated.get(cls));
        current = top;
        String name = iface.qualifiedName() != null ? iface.qualifiedName() : h.item().name();
        boolean hasFunctions = !iface.allFunctions().isEmpty();
        StringBuilder doc = new StringBuilder();
        String docs = !iface.docs().isEmpty() ? iface.docs() : h.item().docs();
        appendDocs(doc, docs);
        if (h.export()) {
            paragraph(doc, "The WIT interface {@code " + name + "}, exported by world {@code "
                    + world.qualifiedName() + "}: the host calls the plugin through it.");
        } else if (hasFunctions) {
            paragraph(doc, "The WIT interface {@code " + name + "}, imported by world {@code "
                    + world.qualifiedName() + "}: the host implements it for the plugin.");
        } else {
            paragraph(doc, "The types of the WIT interface {@code " + name + "}, imported by world {@code "
                    + world.qualifiedName() + "}.");
        }
        Stability stability = iface.stability() instanceof Stability.Unknown ? h.item().stability()
                : iface.stability();
        stabilityDocs(doc, stability);
        spec.addJavadoc("$L", doc);
        spec.addAnnotation(AnnotationSpec.builder(WIT_INTERFACE).addMember("value", "$S", name).build());
        deprecatedAnnotation(spec, stability);
        if (h.ownsTypes()) {
            for (TypeDef t : iface.types()) {
                TypeSpec nested = typeSpec(t, cls);
                if (nested != null) {
                    spec.addType(nested);
                }
            }
        }
        functions(spec, iface.allFunctions());
        glueTargets.add(new Glue.Target(cls, h.export(), iface.qualifiedName() != null ? iface.qualifiedName()
                : h.item().name(), iface.allFunctions()));
        return top;
    }

    private Top worldType(ClassName cls, List<Function> functions, boolean export) {
        TypeSpec.Builder spec = TypeSpec.interfaceBuilder(cls).addModifiers(Modifier.PUBLIC);
        Top top = new Top(cls, spec, topDeprecated.get(cls));
        current = top;
        StringBuilder doc = new StringBuilder();
        appendDocs(doc, world.docs());
        if (export && world.imports().isEmpty() && world.exports().isEmpty() && world.types().isEmpty()) {
            paragraph(doc, "WIT world {@code " + world.qualifiedName() + "} imports nothing and exports nothing, so "
                    + "this interface has no methods. Items gated with {@code @unstable(feature = ...)} are left "
                    + "out unless their feature is enabled ({@code witbox bindgen --features}, the Maven plugin's "
                    + "{@code <features>}).");
        } else if (export) {
            paragraph(doc, "The functions " + (functions.isEmpty() ? "and types " : "")
                    + "of WIT world {@code " + world.qualifiedName() + "} itself"
                    + (functions.isEmpty() ? "." : ", which the plugin exports: the host calls them."));
        } else {
            paragraph(doc, "The functions WIT world {@code " + world.qualifiedName()
                    + "} imports directly: the host implements them for the plugin.");
        }
        stabilityDocs(doc, world.stability());
        spec.addJavadoc("$L", doc);
        spec.addAnnotation(AnnotationSpec.builder(WIT_INTERFACE)
                .addMember("value", "$S", world.qualifiedName()).build());
        deprecatedAnnotation(spec, world.stability());
        if (export) {
            for (TypeDef t : world.types()) {
                TypeSpec nested = typeSpec(t, cls);
                if (nested != null) {
                    spec.addType(nested);
                }
            }
            functions(spec, functions);
            glueTargets.add(new Glue.Target(cls, true, null, functions));
        } else {
            functions(spec, functions);
            glueTargets.add(new Glue.Target(cls, false, null, functions));
        }
        return top;
    }

    /** Freestanding functions, then resource constructors and static functions, as abstract methods. */
    private void functions(TypeSpec.Builder spec, List<Function> functions) {
        JavaNames.Scope scope = new JavaNames.Scope();
        for (Function f : functions) {
            String name;
            if (f.kind() instanceof FunctionKind.Freestanding) {
                name = JavaNames.camel(f.name());
            } else if (f.kind() instanceof FunctionKind.Constructor c) {
                name = "new" + JavaNames.pascal(c.resource().name());
            } else if (f.kind() instanceof FunctionKind.Static s) {
                name = JavaNames.camelRaw(s.resource().name()) + JavaNames.pascal(f.name());
            } else {
                continue;
            }
            spec.addMethod(method(f, scope.take(name), false));
        }
    }

    // ------------------------------------------------------------------ what the glue reads

    String pkg() {
        return pkg;
    }

    World world() {
        return world;
    }

    /** The simple names of the types nested in the top-level type {@code top}. */
    List<String> nestedNames(ClassName top) {
        List<String> names = new ArrayList<>();
        typeTops.forEach((key, t) -> {
            if (t.equals(top)) {
                names.add(typeClasses.get(key).simpleName());
            }
        });
        names.sort(null);
        return names;
    }

    /** Whether the top-level type {@code top} is deprecated. */
    boolean isDeprecated(ClassName top) {
        return topDeprecated.getOrDefault(top, false);
    }

    /**
     * Whether the host implements resource {@code def} with its own Java objects: it belongs to an
     * interface the world imports (and does not also export), or to the world itself.
     */
    boolean hostImplemented(TypeDef def) {
        if (def.owner() instanceof World) {
            return true; // a world's own types are imported
        }
        return def.owner() instanceof Interface i && importedInterfaces.contains(i.key())
                && !exportedInterfaces.contains(i.key());
    }

    /** The Java method generated for {@code f}. */
    String methodName(Function f) {
        return methodNames.get(f);
    }

    /** The Java names of a record's components or an enum's or flags' constants, in WIT order. */
    List<String> memberNames(TypeDef def) {
        return memberNames.get(def.key());
    }

    /** The records of a variant's cases, in WIT order. */
    List<ClassName> caseClasses(TypeDef def) {
        return caseClasses.get(def.key());
    }

    ClassName typeClass(TypeDef def) {
        return typeClasses.get(def.key());
    }

    ClassName tupleClass(int arity) {
        return tuples.get(arity);
    }

    /** The Java type of a WIT type, as the generated interfaces use it; marks the current file if deprecated. */
    TypeName javaTypeOf(Type t, String where) {
        return javaType(t, where);
    }

    /** Runs {@code body} with uses of deprecated types counted against {@code file}; true if it used one. */
    boolean generating(ClassName file, Runnable body) {
        Top saved = current;
        current = new Top(file, TypeSpec.classBuilder(file), false);
        try {
            body.run();
            return current.usesDeprecated;
        } finally {
            current = saved;
        }
    }

    private MethodSpec method(Function f, String javaName, boolean dropSelf) {
        if (f.async()) {
            throw new BindingsException("function '" + f.canonicalName() + "' is async: async functions are not"
                    + " supported by the bindings generator yet");
        }
        methodNames.put(f, javaName);
        MethodSpec.Builder m = MethodSpec.methodBuilder(javaName).addModifiers(Modifier.PUBLIC, Modifier.ABSTRACT);
        StringBuilder doc = new StringBuilder();
        appendDocs(doc, f.docs());
        stabilityDocs(doc, f.stability());
        if (doc.length() > 0) {
            m.addJavadoc("$L", doc);
        }
        m.addAnnotation(AnnotationSpec.builder(WIT_FUNCTION)
                .addMember("name", "$S", f.canonicalName())
                .addMember("signature", "$S", Signatures.of(f)).build());
        deprecatedAnnotation(m, f.stability());
        JavaNames.Scope params = new JavaNames.Scope();
        List<Param> ps = f.params();
        for (int i = dropSelf ? 1 : 0; i < ps.size(); i++) {
            Param p = ps.get(i);
            m.addParameter(javaType(p.type(), "parameter '" + p.name() + "' of " + f.canonicalName()),
                    params.take(JavaNames.camel(p.name())));
        }
        if (f.result() != null) {
            m.returns(javaType(f.result(), "the result of " + f.canonicalName()));
        }
        return m.build();
    }

    // ------------------------------------------------------------------ type definitions

    private TypeSpec typeSpec(TypeDef t, ClassName top) {
        TypeDefKind kind = t.kind();
        if (kind instanceof TypeDefKind.Alias) {
            return null;
        }
        ClassName cls = typeClasses.get(t.key());
        StringBuilder doc = new StringBuilder();
        appendDocs(doc, t.docs());
        TypeSpec.Builder b;
        if (kind instanceof TypeDefKind.Record r) {
            b = TypeSpec.recordBuilder(cls);
            MethodSpec.Builder ctor = MethodSpec.constructorBuilder();
            JavaNames.Scope fields = new JavaNames.Scope();
            StringBuilder params = new StringBuilder();
            List<String> names = new ArrayList<>();
            memberNames.put(t.key(), names);
            for (TypeDefKind.Field f : r.fields()) {
                String n = fields.take(JavaNames.camel(f.name()));
                names.add(n);
                ctor.addParameter(javaType(f.type(), "field '" + f.name() + "' of " + t.name()), n);
                if (!f.docs().isEmpty()) {
                    params.append("@param ").append(n).append(' ').append(javadocText(f.docs()).strip()
                            .replace("\n", "\n    ")).append('\n');
                }
            }
            b.recordConstructor(ctor.build());
            if (params.length() > 0) {
                if (doc.length() > 0) {
                    doc.append('\n');
                }
                doc.append(params);
            }
            stabilityDocs(doc, t.stability());
        } else if (kind instanceof TypeDefKind.Variant v) {
            b = TypeSpec.interfaceBuilder(cls).addModifiers(Modifier.SEALED);
            JavaNames.Scope cases = new JavaNames.Scope(top.simpleName(), cls.simpleName());
            List<ClassName> caseNames = new ArrayList<>();
            caseClasses.put(t.key(), caseNames);
            for (TypeDefKind.Case c : v.cases()) {
                String base = JavaNames.pascal(c.name());
                if (base.equalsIgnoreCase(cls.simpleName()) || base.equalsIgnoreCase(top.simpleName())) {
                    base = base + "Case";
                }
                ClassName caseClass = cls.nestedClass(cases.take(base));
                caseNames.add(caseClass);
                TypeSpec.Builder rec = TypeSpec.recordBuilder(caseClass)
                        .addModifiers(Modifier.PUBLIC, Modifier.STATIC).addSuperinterface(cls);
                MethodSpec.Builder ctor = MethodSpec.constructorBuilder();
                if (c.type() != null) {
                    ctor.addParameter(javaType(c.type(), "case '" + c.name() + "' of " + t.name()), "value");
                }
                rec.recordConstructor(ctor.build());
                String caseDoc = javadocText(c.docs());
                rec.addJavadoc("$L", caseDoc.isEmpty() ? "The case {@code " + c.name() + "}.\n" : caseDoc);
                b.addType(rec.build());
            }
            stabilityDocs(doc, t.stability());
        } else if (kind instanceof TypeDefKind.Enum e) {
            b = TypeSpec.enumBuilder(cls);
            JavaNames.Scope constants = new JavaNames.Scope();
            List<String> names = new ArrayList<>();
            memberNames.put(t.key(), names);
            for (TypeDefKind.EnumCase c : e.cases()) {
                names.add(constants.take(JavaNames.constant(c.name())));
                constant(b, names.get(names.size() - 1), c.docs());
            }
            stabilityDocs(doc, t.stability());
        } else if (kind instanceof TypeDefKind.Flags f) {
            // WIT accepts any number of flags; a component's flags type holds 1 to 32 (Binary.md, 0 < n <= 32)
            if (f.flags().isEmpty() || f.flags().size() > 32) {
                throw new BindingsException("type '" + t.name() + "' has " + f.flags().size() + " flags, but a "
                        + "component's flags type holds at least 1 and at most 32 (Binary.md), so no plugin can "
                        + "pass it; split it into several flags types");
            }
            b = TypeSpec.enumBuilder(cls);
            JavaNames.Scope constants = new JavaNames.Scope();
            List<String> names = new ArrayList<>();
            memberNames.put(t.key(), names);
            for (TypeDefKind.Flag c : f.flags()) {
                names.add(constants.take(JavaNames.constant(c.name())));
                constant(b, names.get(names.size() - 1), c.docs());
            }
            paragraph(doc, "WIT flags: a value is an {@code EnumSet<" + cls.simpleName() + ">} of the flags set.");
            stabilityDocs(doc, t.stability());
        } else if (kind instanceof TypeDefKind.Resource r) {
            b = TypeSpec.interfaceBuilder(cls).addSuperinterface(AUTO_CLOSEABLE);
            boolean host = hostImplemented(t);
            paragraph(doc, host ? "A WIT resource the plugin imports: the host implements it with classes of its own"
                    + " implementing this interface, whose objects the plugin gets as handles; {@link #close()} is"
                    + " its destructor." : "A handle to a WIT resource; {@link #close()} drops it.");
            stabilityDocs(doc, t.stability());
            JavaNames.Scope methods = new JavaNames.Scope("close");
            for (Function fn : r.functions()) {
                if (fn.kind() instanceof FunctionKind.Method) {
                    b.addMethod(method(fn, methods.take(JavaNames.camel(fn.name())), true));
                }
            }
            b.addMethod(MethodSpec.methodBuilder("close").addModifiers(Modifier.PUBLIC, Modifier.ABSTRACT)
                    .addAnnotation(Override.class)
                    .addJavadoc(host ? "The destructor: called once, when the plugin drops its own handle to this\n"
                            + "object or the instance holding that handle is reset or closed. An object the host\n"
                            + "gets back as {@code own} (a result) is the host's to close.\n"
                            : "Drops this handle. The resource is destroyed when its last handle is dropped.\n")
                    .build());
        } else {
            throw new BindingsException("type '" + t.name() + "': unsupported kind " + kind);
        }
        b.addModifiers(Modifier.PUBLIC, Modifier.STATIC);
        if (doc.length() > 0) {
            b.addJavadoc("$L", doc);
        }
        b.addAnnotation(AnnotationSpec.builder(WIT_TYPE).addMember("value", "$S", t.name()).build());
        deprecatedAnnotation(b, t.stability());
        return b.build();
    }

    private static void constant(TypeSpec.Builder b, String name, String docs) {
        String doc = javadocText(docs);
        if (doc.isEmpty()) {
            b.addEnumConstant(name);
        } else {
            b.addEnumConstant(name, TypeSpec.anonymousClassBuilder("").addJavadoc("$L", doc).build());
        }
    }

    private static TypeVariableName typeVariable(int i, int arity) {
        return TypeVariableName.get(arity <= 26 ? String.valueOf((char) ('A' + i)) : "T" + (i + 1));
    }

    private Top tuple(int arity, ClassName cls) {
        TypeSpec.Builder spec = TypeSpec.recordBuilder(cls).addModifiers(Modifier.PUBLIC);
        MethodSpec.Builder ctor = MethodSpec.constructorBuilder();
        for (int i = 0; i < arity; i++) {
            TypeVariableName tv = typeVariable(i, arity);
            spec.addTypeVariable(tv);
            ctor.addParameter(tv, arity <= 26 ? tv.name().toLowerCase(java.util.Locale.ROOT) : "t" + (i + 1));
        }
        spec.recordConstructor(ctor.build());
        spec.addJavadoc("A WIT {@code tuple} of $L elements, in order.\n", arity);
        return new Top(cls, spec, false);
    }

    // ------------------------------------------------------------------ type references

    private TypeName javaType(Type t, String where) {
        if (t instanceof Type.Primitive p) {
            switch (p) {
                case BOOL:
                    return TypeName.BOOLEAN;
                case S8:
                    return TypeName.BYTE;
                case S16:
                case U8:
                    return TypeName.SHORT;
                case S32:
                case U16:
                case CHAR:
                    return TypeName.INT;
                case S64:
                case U32:
                case U64:
                    return TypeName.LONG;
                case F32:
                    return TypeName.FLOAT;
                case F64:
                    return TypeName.DOUBLE;
                case STRING:
                    return ClassName.get(String.class);
                default:
                    throw unsupported("error-context", where);
            }
        }
        if (t instanceof Type.ListType l) {
            return list(l.element(), where);
        }
        if (t instanceof Type.FixedListType l) {
            return list(l.element(), where);
        }
        if (t instanceof Type.OptionType o) {
            return ParameterizedTypeName.get(OPTIONAL, boxed(o.element(), where));
        }
        if (t instanceof Type.ResultType r) {
            return ParameterizedTypeName.get(RESULT, r.ok() == null ? VOID : boxed(r.ok(), where),
                    r.err() == null ? VOID : boxed(r.err(), where));
        }
        if (t instanceof Type.TupleType tt) {
            TypeName[] args = new TypeName[tt.elements().size()];
            for (int i = 0; i < args.length; i++) {
                args[i] = boxed(tt.elements().get(i), where);
            }
            return ParameterizedTypeName.get(tuples.get(args.length), args);
        }
        if (t instanceof Type.MapType m) {
            return ParameterizedTypeName.get(MAP, boxed(m.key(), where), boxed(m.value(), where));
        }
        if (t instanceof Type.FutureType) {
            throw unsupported("future", where);
        }
        if (t instanceof Type.StreamType) {
            throw unsupported("stream", where);
        }
        if (t instanceof Type.Own o) {
            return named(o.resource().resource(), where);
        }
        if (t instanceof Type.Borrow b) {
            return named(b.resource().resource(), where);
        }
        TypeDef def = ((Type.Named) t).def();
        if (def.kind() instanceof TypeDefKind.Alias a) {
            return javaType(a.target(), where);
        }
        ClassName cls = named(def, where);
        if (def.kind() instanceof TypeDefKind.Flags) {
            return ParameterizedTypeName.get(ENUM_SET, cls);
        }
        return cls;
    }

    private ClassName named(TypeDef def, String where) {
        ClassName cls = typeClasses.get(def.key());
        if (cls == null) {
            throw new BindingsException(where + ": type '" + def.key() + "' is not defined by any interface of world '"
                    + world.qualifiedName() + "'");
        }
        ClassName top = typeTops.get(def.key());
        if (current != null && !top.equals(current.cls)
                && (typeDeprecated.getOrDefault(def.key(), false) || topDeprecated.getOrDefault(top, false))) {
            current.usesDeprecated = true;
        }
        return cls;
    }

    private TypeName list(Type element, String where) {
        if (element == Type.Primitive.U8) {
            return ArrayTypeName.of(TypeName.BYTE);
        }
        return ParameterizedTypeName.get(LIST, boxed(element, where));
    }

    private TypeName boxed(Type t, String where) {
        return javaType(t, where).box();
    }

    private static BindingsException unsupported(String what, String where) {
        return new BindingsException(where + ": WIT type '" + what + "' is not supported by the bindings generator yet");
    }

    // ------------------------------------------------------------------ docs

    /** WIT doc text made safe for a Javadoc comment, ending in a newline (or empty). */
    static String javadocText(String docs) {
        if (docs == null || docs.isBlank()) {
            return "";
        }
        String s = docs.strip().replace("\\", "&#92;").replace("*/", "*&#47;");
        s = CODE_SPAN.matcher(s).replaceAll("{@code $1}");
        s = BLANK_LINES.matcher(s).replaceAll("\n\n<p>");
        return s + "\n";
    }

    private static void appendDocs(StringBuilder doc, String docs) {
        doc.append(javadocText(docs));
    }

    private static final java.util.regex.Pattern CODE_SPAN = java.util.regex.Pattern.compile("`([^`{}@\n]+)`");
    private static final java.util.regex.Pattern BLANK_LINES = java.util.regex.Pattern.compile("\n[ \t]*\n\\s*");
    private static final int WIDTH = 100;

    /** Appends a generated paragraph, wrapped to fit a Javadoc comment of a top-level type. */
    private static void paragraph(StringBuilder doc, String text) {
        String first = doc.length() > 0 ? "<p>" : "";
        if (doc.length() > 0) {
            doc.append('\n');
        }
        StringBuilder line = new StringBuilder(first);
        for (String w : text.replace("{@code ", "{@code\u0000").split(" ")) {
            String word = w.replace('\u0000', ' ');
            if (line.length() > 0 && line.length() + 1 + word.length() > WIDTH - 3) {
                doc.append(line).append('\n');
                line.setLength(0);
            } else if (line.length() > 0 && !line.toString().equals("<p>")) {
                line.append(' ');
            }
            line.append(word);
        }
        doc.append(line).append('\n');
    }

    private static void stabilityDocs(StringBuilder doc, Stability s) {
        if (s instanceof Stability.Unstable u) {
            paragraph(doc, "Unstable: WIT feature {@code " + u.feature() + "}.");
        }
        List<String> tags = new ArrayList<>();
        if (s instanceof Stability.Since since) {
            tags.add("@since " + since.version());
        }
        if (s != null && s.deprecated() != null) {
            tags.add("@deprecated deprecated in WIT since version " + s.deprecated() + ".");
        }
        if (!tags.isEmpty()) {
            if (doc.length() > 0 && !doc.toString().contains("\n@param ")) {
                doc.append('\n');
            }
            for (String tag : tags) {
                doc.append(tag).append('\n');
            }
        }
    }

    private static AnnotationSpec deprecatedSpec(Stability s) {
        return AnnotationSpec.builder(Deprecated.class).addMember("since", "$S", s.deprecated().toString()).build();
    }

    private static void deprecatedAnnotation(TypeSpec.Builder b, Stability s) {
        if (deprecated(s)) {
            b.addAnnotation(deprecatedSpec(s));
        }
    }

    private static void deprecatedAnnotation(MethodSpec.Builder b, Stability s) {
        if (deprecated(s)) {
            b.addAnnotation(deprecatedSpec(s));
        }
    }
}
