package dev.witbox.bindgen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import dev.witbox.wit.Function;
import dev.witbox.wit.Param;
import dev.witbox.wit.Type;
import dev.witbox.wit.TypeDefKind;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * The export methods of functions whose parameters and result are all scalars (bool, numbers, char), at
 * most four parameters: they pass their Java primitives to a {@code PrimitiveExport} as longs and convert
 * its long result back, so that a call boxes nothing and makes no {@code WitValue} ({@code add(u32, u32)
 * -> u32} costs what a direct core call does). How each type travels is {@code dev.witbox.abi.PrimitiveCall}'s.
 */
final class PrimitiveGlue {

    static final ClassName PRIMITIVE_EXPORT = ClassName.get("dev.witbox.runtime", "PrimitiveExport");
    private static final int MAX_PARAMS = 4; // PrimitiveCall.MAX_PARAMS

    private PrimitiveGlue() {}

    /** Whether calls of {@code f} take the primitive path. */
    static boolean fits(Function f) {
        if (f.params().size() > MAX_PARAMS || (f.result() != null && !scalar(f.result()))) {
            return false;
        }
        return f.params().stream().allMatch(p -> scalar(p.type()));
    }

    private static boolean scalar(Type t) {
        while (t instanceof Type.Named n && n.def().kind() instanceof TypeDefKind.Alias a) {
            t = a.target();
        }
        return t instanceof Type.Primitive p && p != Type.Primitive.STRING && p != Type.Primitive.ERROR_CONTEXT;
    }

    /** The override of {@code f} calling the primitive export in field {@code field}. */
    static MethodSpec method(Generator g, Function f, String field) {
        MethodSpec.Builder m = MethodSpec.methodBuilder(g.methodName(f)).addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC);
        List<CodeBlock> args = new ArrayList<>();
        JavaNames.Scope names = new JavaNames.Scope();
        for (Param p : f.params()) {
            String name = names.take(JavaNames.camel(p.name()));
            TypeName type = g.javaTypeOf(p.type(), "parameter '" + p.name() + "' of " + f.canonicalName());
            m.addParameter(type, name);
            args.add(widen(type, name));
        }
        CodeBlock call = CodeBlock.of("this.$N.call($L)", field, CodeBlock.join(args, ", "));
        if (f.result() == null) {
            return m.addStatement("$L", call).build();
        }
        TypeName result = g.javaTypeOf(f.result(), "the result of " + f.canonicalName());
        return m.returns(result).addStatement("return $L", narrow(result, call)).build();
    }

    /** The argument as the long it travels in. */
    private static CodeBlock widen(TypeName type, String name) {
        if (type.equals(TypeName.BOOLEAN)) {
            return CodeBlock.of("$N ? 1L : 0L", name);
        } else if (type.equals(TypeName.FLOAT)) {
            return CodeBlock.of("$T.floatToRawIntBits($N)", Float.class, name);
        } else if (type.equals(TypeName.DOUBLE)) {
            return CodeBlock.of("$T.doubleToRawLongBits($N)", Double.class, name);
        }
        return CodeBlock.of("$N", name); // the integer types widen to long as they are
    }

    /** The long result as the Java type. */
    private static CodeBlock narrow(TypeName type, CodeBlock call) {
        if (type.equals(TypeName.BOOLEAN)) {
            return CodeBlock.of("$L != 0", call);
        } else if (type.equals(TypeName.FLOAT)) {
            return CodeBlock.of("$T.intBitsToFloat((int) $L)", Float.class, call);
        } else if (type.equals(TypeName.DOUBLE)) {
            return CodeBlock.of("$T.longBitsToDouble($L)", Double.class, call);
        } else if (type.equals(TypeName.LONG)) {
            return call;
        }
        return CodeBlock.of("($T) $L", type, call);
    }
}
