package dev.witbox.bindgen;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.witbox.abi.WitTypes;
import dev.witbox.api.WitboxException;
import dev.witbox.runtime.WitSignatures;
import dev.witbox.wit.Function;
import dev.witbox.wit.FunctionKind;
import dev.witbox.wit.Interface;
import dev.witbox.wit.Param;
import dev.witbox.wit.Type;
import dev.witbox.wit.TypeDef;
import dev.witbox.wit.TypeDefKind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * The glue class of one generated interface, {@code <package>.internal.<Interface>Glue}: plain code that
 * converts between the interface's Java values and {@code WitValue}s, so that calls need no reflection.
 *
 * <ul>
 *   <li>For an exported interface it implements the interface: its constructor takes a
 *       {@code BindContext}, looks up every export once (the context checks its type) and each method
 *       either hands its Java arguments to a {@code TypedExport} planned with {@code JavaShape}s (strings,
 *       lists and records: the ABI lowers and lifts the Java values, see {@link #direct}), passes its
 *       primitives to a {@code PrimitiveExport} (functions of scalars only, {@link PrimitiveGlue}) or lowers its
 *       arguments to {@code WitValue}s, calls the export's {@code ExportInvoker} and lifts the result.
 *       Resources become inner handle classes implementing the resource interface.
 *   <li>For an imported interface it has {@code implement(HostImports.Builder, Interface)}, which adds one
 *       host function per WIT function: lift the guest's arguments, call the implementation, lower the
 *       result ({@code WitErrorException} → the {@code err} case of a {@code result}).
 * </ul>
 *
 * <p>Named types get a lower and a lift method each, generated once per glue class when first used.
 */
final class Glue {

    /** A generated interface and the WIT functions of its methods (resource functions included). */
    record Target(ClassName iface, boolean export, String witInterface, List<Function> functions) {
    }

    private static final String RUNTIME = "dev.witbox.runtime";
    private static final ClassName WIT_VALUE = ClassName.get("dev.witbox.api.value", "WitValue");
    private static final ClassName TYPED = ClassName.get(RUNTIME, "TypedValues");
    private static final ClassName BIND_CONTEXT = ClassName.get(RUNTIME, "BindContext");
    private static final ClassName EXPORT_INVOKER = ClassName.get(RUNTIME, "ExportInvoker");
    private static final ClassName TYPED_EXPORT = ClassName.get(RUNTIME, "TypedExport");
    private static final ClassName JAVA_SHAPE = ClassName.get("dev.witbox.abi", "JavaShape");
    private static final ClassName HOST_IMPORTS = ClassName.get(RUNTIME, "HostImports", "Builder");
    private static final ClassName WIT_ERROR = ClassName.get("dev.witbox.api", "WitErrorException");
    private static final ClassName RESULT = ClassName.get("dev.witbox.api", "Result");
    private static final ClassName LIST = ClassName.get(List.class);
    private static final ClassName FIELD = WIT_VALUE.nestedClass("Field");

    private final Generator g;
    private final Target target;
    private final ClassName cls;
    private final TypeSpec.Builder spec;
    /** Names of the glue's members: methods of the interface first, then fields, helpers, handle classes. */
    private final JavaNames.Scope members;
    private final WitTypes witTypes = new WitTypes();
    /** Named type key or tuple text → the names of its {lower, lift} methods. */
    private final Map<String, String[]> helpers = new HashMap<>();
    private final Deque<Runnable> pendingHelpers = new ArrayDeque<>();
    /** Record key → the name of the method making its {@code JavaShape}. */
    private final Map<String, String> shapeMethods = new HashMap<>();
    /** Resource key → its handle class, and the invoker fields of each resource method. */
    private final Map<String, ClassName> handleClasses = new HashMap<>();
    private final Map<Function, String> invokerFields = new HashMap<>();
    private final CodeBlock.Builder constructor = CodeBlock.builder();
    private final Set<String> requiredResources = new HashSet<>();

    Glue(Generator g, Target target) {
        this.g = g;
        this.target = target;
        this.cls = ClassName.get(g.pkg() + ".internal", target.iface().simpleName() + "Glue");
        this.spec = TypeSpec.classBuilder(cls).addModifiers(Modifier.PUBLIC, Modifier.FINAL);
        List<String> reserved = new ArrayList<>(List.of("cx", "impl", "implement"));
        for (Function f : target.functions()) {
            if (!(f.kind() instanceof FunctionKind.Method)) {
                reserved.add(g.methodName(f));
            }
        }
        // the glue implements the interface, so its nested types are in scope: refer to top-level
        // types of the same simple name qualified, and give the glue's own members other names
        List<String> nested = g.nestedNames(target.iface());
        reserved.addAll(nested);
        if (target.export()) {
            spec.alwaysQualify(nested.toArray(new String[0]));
        }
        this.members = new JavaNames.Scope(reserved.toArray(new String[0]));
    }

    Generator.Top generate() {
        boolean[] deprecated = new boolean[1];
        deprecated[0] = g.generating(cls, () -> {
            if (target.export()) {
                exportGlue();
            } else {
                importGlue();
                drainHelpers();
            }
        });
        Generator.Top top = new Generator.Top(cls, spec, false);
        top.usesDeprecated = deprecated[0] || g.isDeprecated(target.iface())
                || target.functions().stream().anyMatch(f -> f.stability() != null && f.stability().deprecated() != null);
        return top;
    }

    /** Generates the helpers asked for so far, and those they ask for. */
    private void drainHelpers() {
        while (!pendingHelpers.isEmpty()) {
            pendingHelpers.removeFirst().run();
        }
    }

    private String witName() {
        return target.witInterface() == null ? "world " + g.world().qualifiedName()
                : "interface " + target.witInterface();
    }

    // ------------------------------------------------------------------ exports

    private void exportGlue() {
        spec.addSuperinterface(target.iface());
        spec.addJavadoc("Calls of {@link $T} go to the plugin's exports of WIT $L,\nconverting values in plain"
                + " code. Made once per binding by {@code dev.witbox.runtime.Bindings}. Generated; not API.\n",
                target.iface(), witName().replace(" ", " {@code ") + "}");
        for (Function f : target.functions()) {
            if (f.kind() instanceof FunctionKind.Method) {
                continue; // in the handle class of its resource, made when the resource is first used
            }
            if (direct(f)) {
                spec.addMethod(directExportMethod(f, typedInvoker(f, exportName(target.witInterface(), f))));
                continue;
            }
            if (PrimitiveGlue.fits(f)) {
                spec.addMethod(PrimitiveGlue.method(g, f, primitiveInvoker(f, exportName(target.witInterface(), f))));
                continue;
            }
            String field = invoker(f, exportName(target.witInterface(), f));
            spec.addMethod(exportMethod(f, CodeBlock.of("this.$N", field), null).build());
        }
        drainHelpers(); // before the constructor: resource handles add invokers
        MethodSpec.Builder ctor = MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC)
                .addParameter(BIND_CONTEXT, "cx");
        if (!handleClasses.isEmpty()) {
            spec.addField(BIND_CONTEXT, "cx", Modifier.PRIVATE, Modifier.FINAL);
            ctor.addStatement("this.cx = cx");
        }
        for (String r : requiredResources.stream().sorted().toList()) {
            ctor.addStatement("cx.requireInstance($S)", r);
        }
        ctor.addCode(constructor.build());
        spec.addMethod(ctor.build());
    }

    private static String exportName(String witInterface, Function f) {
        return witInterface == null ? f.canonicalName() : witInterface + "#" + f.canonicalName();
    }

    /** Declares the invoker field of export {@code f}, looked up in the constructor; returns its name. */
    private String invoker(Function f, String exportName) {
        String name = invokerFields.get(f);
        if (name != null) {
            return name;
        }
        String base = g.methodName(f);
        if (f.kind() instanceof FunctionKind.Method m) {
            base = JavaNames.camelRaw(m.resource().name()) + JavaNames.pascal(f.name());
        }
        name = members.take(base + "Export");
        invokerFields.put(f, name);
        spec.addField(FieldSpec.builder(EXPORT_INVOKER, name, Modifier.PRIVATE, Modifier.FINAL).build());
        constructor.addStatement("this.$N = cx.export($S, $S,\n$S,\n$S)", name, exportName,
                javaMethodName(f), Signatures.of(f), abiSignature(f));
        return name;
    }

    // ------------------------------------------------------------------ exports passing Java values directly

    /**
     * Whether calls of {@code f} pass their Java values to the canonical ABI directly (a {@code TypedExport}
     * planned with {@code JavaShape}s), with no {@code WitValue} made: when every parameter and the result
     * is a scalar, a string, a list or a record of those, and one of them is not a scalar (calls of
     * scalars only take the primitive path instead, {@link PrimitiveGlue}).
     */
    private static boolean direct(Function f) {
        boolean memory = false;
        List<Type> types = new ArrayList<>();
        f.params().forEach(p -> types.add(p.type()));
        if (f.result() != null) {
            types.add(f.result());
        }
        for (Type t : types) {
            if (!shapeable(t)) {
                return false;
            }
            memory |= !(unalias(t) instanceof Type.Primitive p) || p == Type.Primitive.STRING;
        }
        return memory;
    }

    /** Whether a {@code JavaShape} describes the Java type of {@code t}. */
    private static boolean shapeable(Type t) {
        t = unalias(t);
        if (t instanceof Type.Primitive p) {
            return p != Type.Primitive.ERROR_CONTEXT;
        } else if (t instanceof Type.ListType l) {
            return l.element() != Type.Primitive.U8 && shapeable(l.element()); // list<u8> is a byte[]
        } else if (t instanceof Type.Named n && n.def().kind() instanceof TypeDefKind.Record r) {
            return r.fields().stream().allMatch(field -> shapeable(field.type()));
        }
        return false;
    }

    /** Declares the typed export field of {@code f}, planned in the constructor; returns its name. */
    private String typedInvoker(Function f, String exportName) {
        String name = members.take(g.methodName(f) + "Export");
        spec.addField(FieldSpec.builder(TYPED_EXPORT, name, Modifier.PRIVATE, Modifier.FINAL).build());
        List<CodeBlock> shapes = new ArrayList<>();
        shapes.add(f.result() == null ? CodeBlock.of("null") : shape(f.result()));
        for (Param p : f.params()) {
            shapes.add(shape(p.type()));
        }
        constructor.addStatement("this.$N = cx.export($S, $S,\n$S,\n$S,\n$L)", name, exportName,
                javaMethodName(f), Signatures.of(f), abiSignature(f), CodeBlock.join(shapes, ", "));
        return name;
    }

    /** Declares the primitive export field of {@code f} ({@link PrimitiveGlue}), looked up in the constructor. */
    private String primitiveInvoker(Function f, String exportName) {
        String name = members.take(g.methodName(f) + "Export");
        spec.addField(FieldSpec.builder(PrimitiveGlue.PRIMITIVE_EXPORT, name, Modifier.PRIVATE, Modifier.FINAL).build());
        constructor.addStatement("this.$N = cx.primitiveExport($S, $S,\n$S,\n$S)", name, exportName,
                javaMethodName(f), Signatures.of(f), abiSignature(f));
        return name;
    }

    /** The override of {@code f} that hands its Java arguments to the typed export and casts the result. */
    private MethodSpec directExportMethod(Function f, String field) {
        MethodSpec.Builder m = MethodSpec.methodBuilder(g.methodName(f)).addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC);
        List<CodeBlock> args = new ArrayList<>();
        JavaNames.Scope params = new JavaNames.Scope();
        for (Param p : f.params()) {
            String name = params.take(JavaNames.camel(p.name()));
            m.addParameter(g.javaTypeOf(p.type(), "parameter '" + p.name() + "' of " + f.canonicalName()), name);
            args.add(CodeBlock.of("$N", name));
        }
        CodeBlock call = CodeBlock.of("this.$N.call($L)", field, CodeBlock.join(args, ", "));
        if (f.result() == null) {
            return m.addStatement("$L", call).build();
        }
        TypeName result = g.javaTypeOf(f.result(), "the result of " + f.canonicalName());
        if (result instanceof ParameterizedTypeName) {
            m.addAnnotation(unchecked());
        }
        return m.returns(result).addStatement("return ($T) $L", result, call).build();
    }

    private static AnnotationSpec unchecked() {
        return AnnotationSpec.builder(SuppressWarnings.class)
                .addMember("value", "$S", "unchecked").build();
    }

    /** An expression making the {@code JavaShape} of {@code t} (one {@link #shapeable} accepts). */
    private CodeBlock shape(Type t) {
        t = unalias(t);
        if (t instanceof Type.Primitive) {
            return CodeBlock.of("$T.PLAIN", JAVA_SHAPE);
        } else if (t instanceof Type.ListType l) {
            return CodeBlock.of("$T.list($L)", JAVA_SHAPE, shape(l.element()));
        }
        TypeDef def = ((Type.Named) t).def();
        String method = shapeMethods.get(def.key());
        if (method == null) {
            method = members.take("shapeOf" + g.typeClass(def).simpleName());
            shapeMethods.put(def.key(), method);
            String name = method;
            pendingHelpers.add(() -> recordShape(def, name));
        }
        return CodeBlock.of("$N()", method);
    }

    /**
     * The method making a record's shape: its constructor from the field values in WIT order, and per
     * field its accessor and shape.
     */
    private void recordShape(TypeDef def, String name) {
        ClassName cls = g.typeClass(def);
        List<TypeDefKind.Field> fields = ((TypeDefKind.Record) def.kind()).fields();
        List<String> accessors = g.memberNames(def);
        List<CodeBlock> values = new ArrayList<>();
        boolean unchecked = false;
        CodeBlock.Builder body = CodeBlock.builder();
        for (int i = 0; i < fields.size(); i++) {
            TypeName type = javaType(fields.get(i).type());
            unchecked |= type instanceof ParameterizedTypeName;
            values.add(CodeBlock.of("($T) f[$L]", type, i));
        }
        body.add("return $T.<$T>record(f -> new $T($L))", JAVA_SHAPE, cls, cls, CodeBlock.join(values, ", "));
        for (int i = 0; i < fields.size(); i++) {
            body.add("\n.field($T::$N, $L)", cls, accessors.get(i), shape(fields.get(i).type()));
        }
        MethodSpec.Builder m = MethodSpec.methodBuilder(name).addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(JAVA_SHAPE).addJavadoc("How a {@code $L} is held in Java: what calls lower and lift it by.\n",
                        def.name());
        if (unchecked) {
            m.addAnnotation(unchecked());
        }
        spec.addMethod(m.addStatement("$L", body.build()).build());
    }

    private String javaMethodName(Function f) {
        if (f.kind() instanceof FunctionKind.Method m) {
            return g.typeClass(m.resource()).simpleName() + "." + g.methodName(f);
        }
        return target.iface().simpleName() + "." + g.methodName(f);
    }

    /** The function's type as the runtime prints a plugin's: named types spelled out, with a method's self. */
    private String abiSignature(Function f) {
        try {
            return WitSignatures.of(witTypes.functionType(f));
        } catch (WitboxException e) {
            return "(cannot be called: " + e.getMessage() + ")";
        }
    }

    /**
     * The override of {@code f}: lower each argument (a failure names the parameter), call, lift.
     * {@code self} is the handle expression of a method's resource, or null.
     */
    private MethodSpec.Builder exportMethod(Function f, CodeBlock invoker, CodeBlock self) {
        MethodSpec.Builder m = MethodSpec.methodBuilder(g.methodName(f)).addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC);
        List<CodeBlock> args = new ArrayList<>();
        if (self != null) {
            args.add(self);
        }
        List<Param> ps = f.params();
        JavaNames.Scope params = new JavaNames.Scope();
        for (int i = self != null ? 1 : 0; i < ps.size(); i++) {
            Param p = ps.get(i);
            String where = "parameter '" + p.name() + "' of " + f.canonicalName();
            String name = params.take(JavaNames.camel(p.name()));
            m.addParameter(g.javaTypeOf(p.type(), where), name);
            CodeBlock lowered = lower(p.type(), CodeBlock.of("$N", name), 0);
            if (infallible(p.type())) {
                args.add(lowered);
                continue;
            }
            String local = "arg" + i + "_";
            m.addStatement("$T $N", WIT_VALUE, local);
            m.beginControlFlow("try");
            m.addStatement("$N = $L", local, lowered);
            m.nextControlFlow("catch ($T e_)", RuntimeException.class);
            m.addStatement("throw $T.badArgument($S, $S, e_)", TYPED, f.canonicalName(), p.name());
            m.endControlFlow();
            args.add(CodeBlock.of("$N", local));
        }
        CodeBlock call = CodeBlock.of("$L.call($L)", invoker, CodeBlock.join(args, ", "));
        if (f.result() == null) {
            m.addStatement("$L", call);
        } else {
            m.returns(g.javaTypeOf(f.result(), "the result of " + f.canonicalName()));
            m.addStatement("return $L", lift(f.result(), call, 0));
        }
        return m;
    }

    /** Whether lowering a value of this type can never fail (every Java value of it fits). */
    private static boolean infallible(Type t) {
        return t instanceof Type.Primitive p && switch (p) {
            case BOOL, S8, S16, S32, S64, U64, F32, F64 -> true;
            default -> false;
        };
    }

    // ------------------------------------------------------------------ imports

    private void importGlue() {
        spec.addJavadoc("Adapts an implementation of {@link $T} to the host functions of WIT $L:\n"
                + "{@code HostImports.builder().implement($T.class, impl)} calls {@link #implement}.\nGenerated; not API.\n",
                target.iface(), witName().replace(" ", " {@code ") + "}", target.iface());
        MethodSpec.Builder implement = MethodSpec.methodBuilder("implement")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .addParameter(HOST_IMPORTS, "builder").addParameter(target.iface(), "impl")
                .addJavadoc("Adds a host function for each function of {@code impl}'s interface to {@code builder}.\n");
        spec.addField(target.iface(), "impl", Modifier.PRIVATE, Modifier.FINAL);
        spec.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE)
                .addParameter(target.iface(), "impl").addStatement("this.impl = impl").build());
        implement.addStatement("$T glue = new $T(impl)", cls, cls);
        for (Function f : target.functions()) {
            // a resource method is a method of the host's object, not of impl: its glue gets a name of its own
            String name = f.kind() instanceof FunctionKind.Method r
                    ? members.take(JavaNames.camelRaw(r.resource().name()) + JavaNames.pascal(f.name()))
                    : g.methodName(f);
            implement.addStatement("builder.typedFunction($S, $S,\n$S,\n$S,\nglue::$N)", target.witInterface(),
                    f.canonicalName(), Signatures.of(f), abiSignature(f), name);
            spec.addMethod(importMethod(f, name));
        }
        spec.addMethod(implement.build());
    }

    /**
     * {@code f} as a host function named {@code name}: lift the arguments, call the implementation (for a
     * resource method, the host object its {@code self} handle carries), lower the result.
     */
    private MethodSpec importMethod(Function f, String name) {
        MethodSpec.Builder m = MethodSpec.methodBuilder(name).addModifiers(Modifier.PRIVATE)
                .returns(WIT_VALUE).addParameter(ArrayTypeName.of(WIT_VALUE), "args");
        List<CodeBlock> args = new ArrayList<>();
        for (int i = 0; i < f.params().size(); i++) {
            args.add(lift(f.params().get(i).type(), CodeBlock.of("args[$L]", i), 0));
        }
        CodeBlock receiver = CodeBlock.of("this.impl");
        if (f.kind() instanceof FunctionKind.Method) {
            receiver = args.remove(0);
        }
        CodeBlock call = CodeBlock.of("$L.$N($L)", receiver, g.methodName(f), CodeBlock.join(args, ", "));
        if (f.result() == null) {
            m.addStatement("$L", call);
            m.addStatement("return null");
            return m.build();
        }
        TypeName resultType = g.javaTypeOf(f.result(), "the result of " + f.canonicalName());
        if (unalias(f.result()) instanceof Type.ResultType) {
            m.addStatement("$T result_", resultType);
            m.beginControlFlow("try");
            m.addStatement("result_ = $L", call);
            m.nextControlFlow("catch ($T e_)", WIT_ERROR);
            m.addComment("the implementation answered with the err case");
            m.addStatement("result_ = $T.err($T.error(e_))", RESULT, TYPED);
            m.endControlFlow();
        } else {
            m.addStatement("$T result_ = $L", resultType, call);
        }
        m.addStatement("return $L", lower(f.result(), CodeBlock.of("result_"), 0));
        return m.build();
    }

    private static Type unalias(Type t) {
        while (t instanceof Type.Named n && n.def().kind() instanceof TypeDefKind.Alias a) {
            t = a.target();
        }
        return t;
    }

    // ------------------------------------------------------------------ Java → WitValue

    /** An expression lowering the Java value {@code v} (evaluated once) of WIT type {@code t}. */
    private CodeBlock lower(Type t, CodeBlock v, int depth) {
        t = unalias(t);
        if (t instanceof Type.Primitive p) {
            String kind = switch (p) {
                case BOOL -> "Bool";
                case S8 -> "S8";
                case S16 -> "S16";
                case S32 -> "S32";
                case S64 -> "S64";
                case U8 -> "U8";
                case U16 -> "U16";
                case U32 -> "U32";
                case U64 -> "U64";
                case F32 -> "F32";
                case F64 -> "F64";
                case CHAR -> "Char";
                case STRING -> "Str";
                default -> throw new BindingsException("WIT type " + p + " cannot be passed");
            };
            return CodeBlock.of("new $T($L)", WIT_VALUE.nestedClass(kind), v);
        }
        String e = "e_" + depth;
        if (t instanceof Type.ListType || t instanceof Type.FixedListType) {
            Type element = t instanceof Type.ListType l ? l.element() : ((Type.FixedListType) t).element();
            if (element == Type.Primitive.U8) {
                return CodeBlock.of("new $T($L)", WIT_VALUE.nestedClass("Bytes"), v);
            }
            return CodeBlock.of("$T.lowerList($L, $N -> $L)", TYPED, v, e, lower(element, CodeBlock.of("$N", e),
                    depth + 1));
        }
        if (t instanceof Type.OptionType o) {
            return CodeBlock.of("$T.lowerOption($L, $N -> $L)", TYPED, v, e,
                    lower(o.element(), CodeBlock.of("$N", e), depth + 1));
        }
        if (t instanceof Type.ResultType r) {
            return CodeBlock.of("$T.lowerResult($L, $L, $L)", TYPED, v, lowerFunction(r.ok(), depth),
                    lowerFunction(r.err(), depth));
        }
        if (t instanceof Type.MapType m) {
            return CodeBlock.of("$T.lowerMap($L, $L, $L)", TYPED, v, lowerFunction(m.key(), depth),
                    lowerFunction(m.value(), depth));
        }
        return CodeBlock.of("$N($L)", helper(t)[0], v);
    }

    private CodeBlock lowerFunction(Type t, int depth) {
        if (t == null) {
            return CodeBlock.of("null");
        }
        String e = "e_" + depth;
        return CodeBlock.of("$N -> $L", e, lower(t, CodeBlock.of("$N", e), depth + 1));
    }

    // ------------------------------------------------------------------ WitValue → Java

    /** An expression lifting the {@code WitValue} {@code w} (evaluated once) of WIT type {@code t}. */
    private CodeBlock lift(Type t, CodeBlock w, int depth) {
        t = unalias(t);
        if (t instanceof Type.Primitive p) {
            return switch (p) {
                case BOOL -> value(w, "Bool", "value");
                case S8 -> value(w, "S8", "value");
                case S16 -> value(w, "S16", "value");
                case S32 -> value(w, "S32", "value");
                case S64 -> value(w, "S64", "value");
                case U8 -> CodeBlock.of("(short) $L", value(w, "U8", "value"));
                case U16 -> value(w, "U16", "value");
                case U32 -> value(w, "U32", "value");
                case U64 -> value(w, "U64", "value");
                case F32 -> value(w, "F32", "value");
                case F64 -> value(w, "F64", "value");
                case CHAR -> value(w, "Char", "codePoint");
                case STRING -> value(w, "Str", "value");
                default -> throw new BindingsException("WIT type " + p + " cannot be passed");
            };
        }
        String e = "e_" + depth;
        if (t instanceof Type.ListType || t instanceof Type.FixedListType) {
            Type element = t instanceof Type.ListType l ? l.element() : ((Type.FixedListType) t).element();
            if (element == Type.Primitive.U8) {
                return CodeBlock.of("$T.bytes($L)", TYPED, w);
            }
            return CodeBlock.of("$T.<$T>liftList($L, $N -> $L)", TYPED, boxed(element), w, e,
                    lift(element, CodeBlock.of("$N", e), depth + 1));
        }
        if (t instanceof Type.OptionType o) {
            return CodeBlock.of("$T.<$T>liftOption($L, $N -> $L)", TYPED, boxed(o.element()), w, e,
                    lift(o.element(), CodeBlock.of("$N", e), depth + 1));
        }
        if (t instanceof Type.ResultType r) {
            return CodeBlock.of("$T.<$T, $T>liftResult($L, $L, $L)", TYPED, boxedOrVoid(r.ok()), boxedOrVoid(r.err()),
                    w, liftFunction(r.ok(), depth), liftFunction(r.err(), depth));
        }
        if (t instanceof Type.MapType m) {
            return CodeBlock.of("$T.<$T, $T>liftMap($L, $L, $L)", TYPED, boxed(m.key()), boxed(m.value()), w,
                    liftFunction(m.key(), depth), liftFunction(m.value(), depth));
        }
        return CodeBlock.of("$N($L)", helper(t)[1], w);
    }

    private CodeBlock liftFunction(Type t, int depth) {
        if (t == null) {
            return CodeBlock.of("null");
        }
        String e = "e_" + depth;
        return CodeBlock.of("$N -> $L", e, lift(t, CodeBlock.of("$N", e), depth + 1));
    }

    private static CodeBlock value(CodeBlock w, String kind, String accessor) {
        return CodeBlock.of("(($T) $L).$N()", WIT_VALUE.nestedClass(kind), w, accessor);
    }

    private TypeName javaType(Type t) {
        return g.javaTypeOf(t, "glue of " + target.iface().simpleName());
    }

    private TypeName boxed(Type t) {
        return javaType(t).box();
    }

    private TypeName boxedOrVoid(Type t) {
        return t == null ? ClassName.get(Void.class) : boxed(t);
    }

    // ------------------------------------------------------------------ helpers for named types and tuples

    /** The {lower, lift} method names of a named type, a tuple or a resource handle, made on first use. */
    private String[] helper(Type t) {
        String key;
        String base;
        TypeDef def = null;
        if (t instanceof Type.TupleType) {
            key = "tuple " + dev.witbox.wit.WitPrinter.print(t);
            base = "Tuple";
        } else {
            def = t instanceof Type.Own o ? o.resource().resource() : t instanceof Type.Borrow b
                    ? b.resource().resource() : ((Type.Named) t).def();
            key = def.key();
            base = g.typeClass(def).simpleName();
        }
        String[] names = helpers.get(key);
        if (names != null) {
            return names;
        }
        names = new String[] {members.take("lower" + base), members.take("lift" + base)};
        helpers.put(key, names);
        String[] n = names;
        if (def == null) {
            Type.TupleType tuple = (Type.TupleType) t;
            pendingHelpers.add(() -> tupleHelpers(tuple, n));
        } else {
            TypeDef d = def;
            pendingHelpers.add(() -> namedHelpers(d, n));
        }
        return names;
    }

    private MethodSpec.Builder lowerMethod(String name, TypeName type) {
        return MethodSpec.methodBuilder(name).addModifiers(Modifier.PRIVATE).returns(WIT_VALUE)
                .addParameter(type, "value");
    }

    private MethodSpec.Builder liftMethod(String name, TypeName type) {
        return MethodSpec.methodBuilder(name).addModifiers(Modifier.PRIVATE).returns(type)
                .addParameter(WIT_VALUE, "value");
    }

    private void tupleHelpers(Type.TupleType t, String[] names) {
        TypeName type = javaType(t);
        List<Type> elements = t.elements();
        List<CodeBlock> lowered = new ArrayList<>();
        List<CodeBlock> lifted = new ArrayList<>();
        for (int i = 0; i < elements.size(); i++) {
            String accessor = elements.size() <= 26 ? String.valueOf((char) ('a' + i)) : "t" + (i + 1);
            lowered.add(lower(elements.get(i), CodeBlock.of("value.$N()", accessor), 0));
            lifted.add(lift(elements.get(i), CodeBlock.of("elements.get($L)", i), 0));
        }
        spec.addMethod(lowerMethod(names[0], type)
                .addStatement("return new $T($T.of($L))", WIT_VALUE.nestedClass("Tuple"), LIST,
                        CodeBlock.join(lowered, ",\n")).build());
        spec.addMethod(liftMethod(names[1], type)
                .addStatement("$T<$T> elements = (($T) value).elements()", LIST, WIT_VALUE, WIT_VALUE.nestedClass("Tuple"))
                .addStatement("return new $T<>($L)", g.tupleClass(elements.size()), CodeBlock.join(lifted, ",\n"))
                .build());
    }

    private void namedHelpers(TypeDef def, String[] names) {
        ClassName cls = g.typeClass(def);
        TypeDefKind kind = def.kind();
        if (kind instanceof TypeDefKind.Record r) {
            List<String> fields = g.memberNames(def);
            List<CodeBlock> lowered = new ArrayList<>();
            List<CodeBlock> lifted = new ArrayList<>();
            for (int i = 0; i < r.fields().size(); i++) {
                TypeDefKind.Field f = r.fields().get(i);
                lowered.add(CodeBlock.of("new $T($S, $L)", FIELD, f.name(),
                        lower(f.type(), CodeBlock.of("value.$N()", fields.get(i)), 0)));
                lifted.add(lift(f.type(), CodeBlock.of("fields.get($L).value()", i), 0));
            }
            spec.addMethod(lowerMethod(names[0], cls)
                    .addStatement("return new $T($T.of($L))", WIT_VALUE.nestedClass("Record"), LIST,
                            CodeBlock.join(lowered, ",\n")).build());
            MethodSpec.Builder lift = liftMethod(names[1], cls);
            if (!lifted.isEmpty()) {
                lift.addStatement("$T<$T> fields = (($T) value).fields()", LIST, FIELD, WIT_VALUE.nestedClass("Record"));
            }
            spec.addMethod(lift.addStatement("return new $T($L)", cls, CodeBlock.join(lifted, ",\n")).build());
        } else if (kind instanceof TypeDefKind.Variant v) {
            variantHelpers(def, v, cls, names);
        } else if (kind instanceof TypeDefKind.Enum en) {
            List<String> constants = g.memberNames(def);
            MethodSpec.Builder lower = lowerMethod(names[0], cls).beginControlFlow("switch (value)");
            MethodSpec.Builder lift = liftMethod(names[1], cls)
                    .beginControlFlow("switch ((($T) value).caseName())", WIT_VALUE.nestedClass("Enum"));
            for (int i = 0; i < en.cases().size(); i++) {
                String wit = en.cases().get(i).name();
                lower.addStatement("case $N: return new $T($S)", constants.get(i), WIT_VALUE.nestedClass("Enum"), wit);
                lift.addStatement("case $S: return $T.$N", wit, cls, constants.get(i));
            }
            spec.addMethod(lower.addStatement("default: throw new $T($S + value)", IllegalStateException.class,
                    "unknown " + def.name() + ": ").endControlFlow().build());
            spec.addMethod(lift.addStatement("default: throw new $T($S + value)", IllegalStateException.class,
                    "unknown case of " + def.name() + ": ").endControlFlow().build());
        } else if (kind instanceof TypeDefKind.Flags fl) {
            List<CodeBlock> witNames = new ArrayList<>();
            for (TypeDefKind.Flag f : fl.flags()) {
                witNames.add(CodeBlock.of("$S", f.name()));
            }
            CodeBlock all = CodeBlock.join(witNames, ", ");
            TypeName set = ParameterizedTypeName.get(ClassName.get(java.util.EnumSet.class), cls);
            spec.addMethod(lowerMethod(names[0], set).addStatement("return $T.lowerFlags(value, $L)", TYPED, all).build());
            spec.addMethod(liftMethod(names[1], set)
                    .addStatement("return $T.liftFlags(value, $T.values(), $L)", TYPED, cls, all).build());
        } else if (kind instanceof TypeDefKind.Resource) {
            resourceHelpers(def, cls, names);
        } else {
            throw new BindingsException("type '" + def.name() + "': unsupported kind " + kind);
        }
    }

    private void variantHelpers(TypeDef def, TypeDefKind.Variant v, ClassName cls, String[] names) {
        List<ClassName> cases = g.caseClasses(def);
        MethodSpec.Builder lower = lowerMethod(names[0], cls);
        MethodSpec.Builder lift = liftMethod(names[1], cls)
                .addStatement("$T variant = ($T) value", WIT_VALUE.nestedClass("Variant"), WIT_VALUE.nestedClass("Variant"))
                .beginControlFlow("switch (variant.caseName())");
        ClassName variantValue = WIT_VALUE.nestedClass("Variant");
        for (int i = 0; i < v.cases().size(); i++) {
            TypeDefKind.Case c = v.cases().get(i);
            ClassName caseClass = cases.get(i);
            lower.beginControlFlow("if (value instanceof $T)", caseClass);
            if (c.type() == null) {
                lower.addStatement("return new $T($S, null)", variantValue, c.name());
                lift.addStatement("case $S: return new $T()", c.name(), caseClass);
            } else {
                lower.addStatement("return new $T($S, $L)", variantValue, c.name(),
                        lower(c.type(), CodeBlock.of("(($T) value).value()", caseClass), 0));
                lift.addStatement("case $S: return new $T($L)", c.name(), caseClass,
                        lift(c.type(), CodeBlock.of("variant.payload()"), 0));
            }
            lower.endControlFlow();
        }
        lower.addStatement("throw new $T($S)", NullPointerException.class, def.name());
        lift.addStatement("default: throw new $T($S + variant.caseName())", IllegalStateException.class,
                "unknown case of " + def.name() + ": ").endControlFlow();
        spec.addMethod(lower.build());
        spec.addMethod(lift.build());
    }

    /**
     * A resource's lower/lift methods. A resource the host implements (every resource import glue sees, and
     * in export glue those of interfaces the world imports) is the host's own Java objects, carried in the
     * guest's handle table. A resource the plugin defines gets a handle class whose methods call the
     * resource's exports.
     */
    private void resourceHelpers(TypeDef def, ClassName cls, String[] names) {
        if (!target.export() || g.hostImplemented(def)) {
            spec.addMethod(lowerMethod(names[0], cls)
                    .addStatement("return $T.lowerHostObject(value, $S)", TYPED, def.name()).build());
            spec.addMethod(liftMethod(names[1], cls)
                    .addStatement("return $T.hostObject(value, $T.class, $S)", TYPED, cls, def.name()).build());
            return;
        }
        requiredResources.add(def.name());
        ClassName handle = this.cls.nestedClass(members.take(cls.simpleName() + "Handle"));
        handleClasses.put(def.key(), handle);
        ClassName handleValue = WIT_VALUE.nestedClass("Handle");
        TypeSpec.Builder h = TypeSpec.classBuilder(handle).addModifiers(Modifier.PRIVATE, Modifier.FINAL)
                .addSuperinterface(cls)
                .addJavadoc("A {@code $L} handle the plugin gave out.\n", def.name())
                .addField(handleValue, "handle", Modifier.FINAL)
                .addMethod(MethodSpec.constructorBuilder().addParameter(handleValue, "handle")
                        .addStatement("this.handle = handle").build());
        String owner = def.owner() instanceof Interface i
                ? (i.qualifiedName() != null ? i.qualifiedName() : target.witInterface()) : null;
        for (Function f : ((TypeDefKind.Resource) def.kind()).functions()) {
            if (f.kind() instanceof FunctionKind.Method) {
                String field = invoker(f, exportName(owner, f));
                h.addMethod(exportMethod(f, CodeBlock.of("$T.this.$N", this.cls, field),
                        CodeBlock.of("this.handle")).build());
            }
        }
        h.addMethod(MethodSpec.methodBuilder("close").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .addComment("idempotent: a handle moved into the plugin is already dropped")
                .beginControlFlow("if (!handle.handle().isDropped())")
                .addStatement("cx.drop(handle)").endControlFlow().build());
        h.addMethod(MethodSpec.methodBuilder("toString").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .returns(String.class).addStatement("return $S + handle.handle()", cls.simpleName() + " ").build());
        spec.addType(h.build());
        spec.addMethod(lowerMethod(names[0], cls)
                .beginControlFlow("if (value instanceof $T)", handle)
                .addStatement("return (($T) value).handle", handle).endControlFlow()
                .addStatement("throw new $T(value == null ? $S : value + $S)", IllegalArgumentException.class,
                        "null " + def.name(), " is not a " + def.name() + " handle of this binding").build());
        spec.addMethod(liftMethod(names[1], cls).addStatement("return new $T(($T) value)", handle, handleValue)
                .build());
    }
}
