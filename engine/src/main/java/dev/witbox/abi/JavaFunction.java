package dev.witbox.abi;

import dev.witbox.api.WitboxException;
import dev.witbox.api.value.WitValue;
import java.util.ArrayList;
import java.util.List;

/**
 * A component function's parameters and result as the Java values of typed bindings: built once per
 * binding from the function's type and a {@link JavaShape} per parameter and for the result, then
 * passed to {@link LiftedFunction#callJava}, which lowers the Java arguments straight into the guest
 * and lifts the result straight into Java, with the same codecs' rules as a {@code WitValue} call.
 * Immutable: one plan serves every instance of the plugin whose type it was built from.
 */
public final class JavaFunction {

    final FunctionCodecs codecs;
    final JavaCodec[] params;
    /** The result's codec, or null when the function has none. */
    final JavaCodec result;
    /** Where each parameter goes in the parameter area when the parameters spill to memory, else null. */
    private final int[] spilledOffsets;
    private final String[] paramNames;

    private JavaFunction(FunctionCodecs codecs, JavaCodec[] params, JavaCodec result, int[] spilledOffsets,
            String[] paramNames) {
        this.codecs = codecs;
        this.params = params;
        this.result = result;
        this.spilledOffsets = spilledOffsets;
        this.paramNames = paramNames;
    }

    /**
     * Plans calls of function {@code name} of type {@code type} with Java values of the given shapes.
     *
     * @param result the result's shape; ignored (may be null) when the function has no result
     * @throws WitboxException when a shape does not fit its type
     */
    public static JavaFunction of(String name, FunctionType type, JavaShape result, JavaShape... params) {
        if (params.length != type.params().size()) {
            throw new WitboxException(name + " takes " + type.params().size() + " parameters, not " + params.length);
        }
        JavaCodec[] codecs = new JavaCodec[params.length];
        List<ValueType> types = new ArrayList<>();
        String[] names = new String[params.length];
        for (int i = 0; i < params.length; i++) {
            FunctionType.Param p = type.params().get(i);
            codecs[i] = JavaCodec.of(p.type(), params[i]);
            types.add(p.type());
            names[i] = p.name();
        }
        FunctionCodecs functionCodecs = new FunctionCodecs(name, type);
        JavaCodec resultCodec = type.result() == null ? null : JavaCodec.of(type.result(), result);
        int[] offsets = functionCodecs.paramTuple == null ? null : Layout.fieldOffsets(types);
        return new JavaFunction(functionCodecs, codecs, resultCodec, offsets, names);
    }

    /** The arguments as {@code WitValue}s, for an invoker that only takes those. */
    public WitValue[] toWitValues(Object[] args) {
        checkArity(args);
        WitValue[] out = new WitValue[args.length];
        for (int i = 0; i < out.length; i++) {
            try {
                out[i] = params[i].toWit(args[i]);
            } catch (RuntimeException e) {
                throw badArgument(i, e);
            }
        }
        return out;
    }

    /** The result of such an invoker as a Java value: null when the function has no result. */
    public Object fromWitValue(WitValue value) {
        return result == null ? null : result.fromWit(value);
    }

    void checkArity(Object[] args) {
        if (args.length != params.length) {
            throw new WitboxException(codecs.name + " takes " + params.length + " arguments, not " + args.length);
        }
    }

    /** Lowers the arguments to flat values. */
    void lowerParams(CallContext cx, Object[] args, Flat out) {
        for (int i = 0; i < params.length; i++) {
            try {
                params[i].lowerFlat(cx, args[i], out);
            } catch (CanonicalAbiTrap e) {
                throw e; // the guest's doing (its realloc), not the argument's
            } catch (RuntimeException e) {
                throw badArgument(i, e);
            }
        }
    }

    /** Stores the arguments in the parameter area at {@code ptr} (when they spill). */
    void storeParams(CallContext cx, Object[] args, long ptr) {
        for (int i = 0; i < params.length; i++) {
            try {
                params[i].store(cx, args[i], ptr + spilledOffsets[i]);
            } catch (CanonicalAbiTrap e) {
                throw e;
            } catch (RuntimeException e) {
                throw badArgument(i, e);
            }
        }
    }

    /**
     * An argument that does not fit its type (null, out of range...): the host's mistake, named by
     * function and parameter, as the generated bindings always reported it (a trap of the guest's
     * realloc is passed on as it is).
     */
    private JavaArgumentException badArgument(int i, RuntimeException cause) {
        return badArgument(codecs.name, paramNames[i], cause);
    }

    static JavaArgumentException badArgument(String function, String param, RuntimeException cause) {
        String reason = cause instanceof NullPointerException
                ? "null where WIT has no null (use Optional for option)" : cause.getMessage();
        return new JavaArgumentException("function '" + function + "', parameter '" + param + "': " + reason, cause);
    }

    @Override
    public String toString() {
        return "JavaFunction[" + codecs.name + ", core " + codecs.flatParams + " -> " + codecs.flatResults + "]";
    }
}
