package dev.witbox.abi;

import dev.witbox.api.WitboxException;
import dev.witbox.api.value.WitValue;
import java.util.List;

/**
 * {@code canon lower}: a host function as the core function a guest imports. Build it once per
 * import and instance; each {@link #call} lifts the arguments from flat values (or from the
 * pointer the guest passes when they flatten to more than 16), invokes the host, and lowers the
 * result into flat values or, when it flattens to more than one, into the area whose pointer the
 * guest passes as its last argument. Borrowed handles the guest passes are lent for the call
 * only: the host's references to them expire when it returns.
 *
 * <p>It traps when the guest calls it from realloc or post-return ({@code may_leave}).
 */
public final class LoweredFunction implements CoreFunction {

    private static final long[] NO_RESULTS = new long[0];

    private final FunctionCodecs codecs;
    private final CanonicalOptions options;
    private final ComponentInstance instance;
    private final HostFunction target;
    private final int coreParamCount;

    LoweredFunction(FunctionCodecs codecs, CanonicalOptions options, ComponentInstance instance,
            HostFunction target) {
        this.codecs = codecs;
        this.options = options;
        this.instance = instance;
        this.target = target;
        this.coreParamCount = coreParams().size();
    }

    /**
     * Plans calls from {@code instance}'s guest to {@code target}, imported with type {@code type}.
     * Fails with a {@link WitboxException} when the options lack what the type needs. Builds the
     * codecs each time: a host that binds the same type more than once should build a
     * {@link FunctionPlan} once and {@link FunctionPlan#lower} it instead.
     */
    public static LoweredFunction of(String name, FunctionType type, CanonicalOptions options,
            ComponentInstance instance, HostFunction target) {
        return FunctionPlan.of(name, type).lower(options, instance, target);
    }

    /** The core function's parameter types: the flat parameters, or a pointer, then the result pointer if it spills. */
    public List<CoreType> coreParams() {
        if (!codecs.spillResult) {
            return codecs.flatParams;
        }
        List<CoreType> params = new java.util.ArrayList<>(codecs.flatParams);
        params.add(CoreType.I32);
        return List.copyOf(params);
    }

    /** The core function's result types: none, or one. */
    public List<CoreType> coreResults() {
        return codecs.spillResult ? List.of() : codecs.flatResults;
    }

    @Override
    public long[] call(long[] args) {
        instance.checkMayLeave("import " + codecs.name);
        if (args.length != coreParamCount) {
            throw new CanonicalAbiTrap("import " + codecs.name + " called with " + args.length
                    + " core arguments, expected " + coreParamCount);
        }
        if (codecs.scalarParams != null) {
            return callScalar(args);
        }
        CallContext cx = new CallContext(options, instance);
        try {
            Codec[] params = codecs.params;
            WitValue[] values;
            if (codecs.paramTuple != null) {
                FieldsCodec tuple = codecs.paramTuple;
                long ptr = args[0] & 0xFFFF_FFFFL;
                cx.checkAligned(codecs.paramsWhat, ptr, tuple.alignment);
                cx.checkInBounds(codecs.paramsWhat, ptr, tuple.size);
                values = tuple.loadAll(cx, ptr);
            } else {
                values = new WitValue[params.length];
                Flat in = new Flat(args);
                for (int i = 0; i < values.length; i++) {
                    values[i] = params[i].liftFlat(cx, in);
                }
            }
            WitValue result = target.call(values);
            Codec r = codecs.result;
            if (r == null) {
                if (result != null) {
                    throw new WitboxException("host function " + codecs.name + " returned a value but has no result");
                }
                return NO_RESULTS;
            }
            if (result == null) {
                throw new WitboxException("host function " + codecs.name + " returned no value, expected " + r.typeName);
            }
            if (codecs.spillResult) {
                long ptr = args[args.length - 1] & 0xFFFF_FFFFL;
                cx.checkAligned(codecs.resultAreaWhat, ptr, r.alignment);
                cx.checkInBounds(codecs.resultAreaWhat, ptr, r.size);
                r.store(cx, result, ptr);
                return NO_RESULTS;
            }
            long[] out = new long[r.flatCount];
            r.lowerFlat(cx, result, new Flat(out));
            return out;
        } finally {
            cx.endBorrowScope();
        }
    }

    /**
     * {@link #call} when the parameters and result are all scalars: no {@link CallContext},
     * {@link Flat} cursor or borrow scope, which scalars never need.
     */
    private long[] callScalar(long[] args) {
        ScalarCodec[] params = codecs.scalarParams;
        WitValue[] values = new WitValue[params.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = params[i].liftScalar(args[i]);
        }
        WitValue result = target.call(values);
        ScalarCodec r = codecs.scalarResult;
        if (r == null) {
            if (result != null) {
                throw new WitboxException("host function " + codecs.name + " returned a value but has no result");
            }
            return NO_RESULTS;
        }
        if (result == null) {
            throw new WitboxException("host function " + codecs.name + " returned no value, expected " + r.typeName);
        }
        return new long[] {r.lowerScalar(result)};
    }

    @Override
    public String toString() {
        return "LoweredFunction[" + codecs.name + ", core " + coreParams() + " -> " + coreResults() + "]";
    }
}
