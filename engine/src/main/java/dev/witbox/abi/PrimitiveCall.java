package dev.witbox.abi;

import dev.witbox.api.WitboxException;

/**
 * A function of scalars called with the Java primitives of generated bindings, no {@code WitValue} and no
 * boxing: {@link LiftedFunction#callPrimitive}. Each argument and the result travel as a {@code long}
 * holding the Java value of the binding's type: {@code boolean} as 0 or 1, the integer types by value
 * ({@code u8} in a {@code short}, {@code u16} and {@code char} in an {@code int}, {@code u32} in a
 * {@code long}, {@code u64} as its bits), {@code float} as {@link Float#floatToRawIntBits} and
 * {@code double} as {@link Double#doubleToRawLongBits}. The rules (ranges, NaN, char) are the codecs' own.
 *
 * <p>Planned once per binding from the function's type; also converts to and from the boxed Java values of
 * {@link JavaFunction}, for an invoker that has no primitive path. Immutable.
 */
public final class PrimitiveCall {

    /** The most parameters a primitive call passes (a function of more takes the boxed path). */
    public static final int MAX_PARAMS = 4;

    private final FunctionCodecs codecs;
    private final JavaFunction boxed;

    private PrimitiveCall(FunctionCodecs codecs, JavaFunction boxed) {
        this.codecs = codecs;
        this.boxed = boxed;
    }

    /** Whether a function of {@code type} can be called with primitives. */
    public static boolean fits(FunctionType type) {
        if (type.params().size() > MAX_PARAMS) {
            return false;
        }
        if (type.result() != null && !(type.result() instanceof ValueType.Scalar r && r != ValueType.Scalar.STRING)) {
            return false;
        }
        return type.params().stream().allMatch(p -> p.type() instanceof ValueType.Scalar s && s != ValueType.Scalar.STRING);
    }

    /**
     * Plans primitive calls of function {@code name} of type {@code type}.
     *
     * @throws WitboxException when the function does not {@link #fits fit}
     */
    public static PrimitiveCall of(String name, FunctionType type) {
        if (!fits(type)) {
            throw new WitboxException(name + " does not take and return scalars only");
        }
        JavaShape[] plain = new JavaShape[type.params().size()];
        java.util.Arrays.fill(plain, JavaShape.PLAIN);
        JavaFunction boxed = JavaFunction.of(name, type, JavaShape.PLAIN, plain);
        return new PrimitiveCall(boxed.codecs, boxed);
    }

    /** The same function planned for boxed Java values. */
    public JavaFunction boxed() {
        return boxed;
    }

    /** The arguments as the boxed Java values of {@link #boxed()}. */
    public Object[] box(long a0, long a1, long a2, long a3) {
        long[] all = {a0, a1, a2, a3};
        ScalarCodec[] params = codecs.scalarParams;
        Object[] out = new Object[params.length];
        for (int i = 0; i < out.length; i++) {
            try {
                out[i] = params[i].liftJava(params[i].lowerPrimitive(all[i]));
            } catch (RuntimeException e) {
                throw JavaFunction.badArgument(codecs.name, codecs.paramNames[i], e);
            }
        }
        return out;
    }

    /** A boxed result of {@link #boxed()} as a primitive: 0 when the function has none. */
    public long unbox(Object result) {
        ScalarCodec r = codecs.scalarResult;
        return r == null ? 0 : r.liftPrimitive(r.lowerJava(result));
    }

    @Override
    public String toString() {
        return "PrimitiveCall[" + codecs.name + ", core " + codecs.flatParams + " -> " + codecs.flatResults + "]";
    }
}
