package dev.witbox.abi;

import dev.witbox.api.WitboxException;
import dev.witbox.api.value.WitValue;
import java.util.List;

/**
 * {@code canon lift}: a guest's core export as a component function the host calls with
 * {@link WitValue}s. Build it once per export and instance; each {@link #call} lowers the
 * arguments into the guest (through a realloc'd parameter area when they flatten to more than 16
 * values), calls the core function, lifts the result (through the returned pointer when it
 * flattens to more than one value), checks that the guest dropped every borrow it was lent, and
 * runs post-return.
 *
 * <p>The instance may not be reentered while the call runs; post-return runs with
 * {@code may_leave} cleared, so it cannot call imports.
 */
public final class LiftedFunction {

    /** The arguments of a core function without parameters: empty, so sharing it is safe. */
    private static final long[] NO_ARGS = new long[0];

    private final FunctionCodecs codecs;
    private final CanonicalOptions options;
    private final ComponentInstance instance;
    private final CoreFunction callee;
    private CallContext context;
    /**
     * The flat arguments and the cursors over them and over the results, reused by every call (the instance
     * cannot be reentered, so two calls never share them; the core call only reads its arguments): three
     * allocations fewer per call, which the JIT cannot remove across the codecs' virtual calls.
     */
    private final long[] flatArgs;
    private final Flat argCursor;
    private final Flat resultCursor = new Flat(NO_ARGS);

    LiftedFunction(FunctionCodecs codecs, CanonicalOptions options, ComponentInstance instance,
            CoreFunction callee) {
        this.codecs = codecs;
        this.options = options;
        this.instance = instance;
        this.callee = callee;
        this.flatArgs = codecs.paramTuple != null ? new long[1] : new long[codecs.flatParamCount];
        this.argCursor = new Flat(flatArgs);
    }

    /**
     * Plans calls to {@code callee}, the core function lifted with type {@code type}. Fails with a
     * {@link WitboxException} when the options lack what the type needs (memory, realloc). Builds
     * the codecs each time: a host that binds the same type more than once should build a
     * {@link FunctionPlan} once and {@link FunctionPlan#lift} it instead.
     */
    public static LiftedFunction of(String name, FunctionType type, CanonicalOptions options,
            ComponentInstance instance, CoreFunction callee) {
        return FunctionPlan.of(name, type).lift(options, instance, callee);
    }

    /** The core function's parameter types. */
    public List<CoreType> coreParams() {
        return codecs.flatParams;
    }

    /** The core function's result types (what post-return takes too). */
    public List<CoreType> coreResults() {
        return codecs.flatResults;
    }

    /** Calls the export: one argument per parameter; returns the result, or null if it has none. */
    public WitValue call(WitValue... args) {
        Codec[] params = codecs.params;
        if (args.length != params.length) {
            throw new WitboxException(codecs.name + " takes " + params.length + " arguments, not " + args.length);
        }
        // kept under the JIT's inlining limit (FreqInlineSize) so that callers can scalar-replace
        // their argument arrays: the general path is a method of its own
        return codecs.scalarParams != null ? callScalar(args) : (WitValue) callGeneral(args, null);
    }

    /**
     * Calls the export with the Java values of typed bindings, lowered and lifted by {@code function}
     * (planned from this export's type) with no {@code WitValue} in between: one argument per
     * parameter; returns the result, or null if it has none. An argument that does not fit its type
     * fails with an {@link IllegalArgumentException} naming the parameter.
     */
    public Object callJava(JavaFunction function, Object... args) {
        function.checkArity(args);
        FunctionCodecs planned = function.codecs;
        if (planned.flatParamCount != codecs.flatParamCount || planned.flatResultCount != codecs.flatResultCount
                || planned.spillResult != codecs.spillResult) {
            throw new WitboxException(function + " was planned for another type than " + this);
        }
        return callGeneral(args, function);
    }

    /**
     * The call of any function: lowers {@code args} ({@code WitValue}s when {@code java} is null, else
     * the Java values it plans) and lifts the result the same way.
     */
    private Object callGeneral(Object[] args, JavaFunction java) {
        Codec[] params = codecs.params;
        instance.enter(codecs.name);
        // one context per lifted function, reset per call: enter() refuses a second call while one runs
        CallContext cx = context == null ? (context = new CallContext(options, instance)) : context.reset();
        try {
            long[] flatArgs = this.flatArgs;
            if (codecs.paramTuple != null) {
                FieldsCodec tuple = codecs.paramTuple;
                long ptr = cx.allocate(tuple.alignment, tuple.size, codecs.paramsWhat);
                if (java == null) {
                    tuple.storeAll(cx, (WitValue[]) args, ptr);
                } else {
                    java.storeParams(cx, args, ptr);
                }
                flatArgs[0] = (int) ptr;
            } else {
                Flat out = argCursor.reset(flatArgs);
                if (java == null) {
                    for (int i = 0; i < params.length; i++) {
                        params[i].lowerFlat(cx, (WitValue) args[i], out);
                    }
                } else {
                    java.lowerParams(cx, args, out);
                }
            }
            long[] results = callee.call(flatArgs);
            checkResultCount(results);
            Object result = null;
            Codec r = codecs.result;
            if (r != null) {
                if (codecs.spillResult) {
                    long ptr = results[0] & 0xFFFF_FFFFL;
                    cx.checkAligned(codecs.resultWhat, ptr, r.alignment);
                    cx.checkInBounds(codecs.resultWhat, ptr, r.size);
                    result = java == null ? r.load(cx, ptr) : java.result.load(cx, ptr);
                } else {
                    Flat in = resultCursor.reset(results);
                    result = java == null ? r.liftFlat(cx, in) : java.result.liftFlat(cx, in);
                }
            }
            finish(results);
            return result;
        } finally {
            cx.endBorrowScope(); // the host's references lent to the guest come back, even after a trap
            instance.leave();
        }
    }

    /**
     * {@link #call} when the parameters and result are all scalars: the same steps, but with no
     * {@link CallContext}, {@link Flat} cursor or borrow scope, since scalars need none. Kept small
     * and free of megamorphic helpers so the JIT can inline it into the caller and scalar-replace
     * the argument and result arrays: this is what brings a call like {@code add(u32, u32) -> u32}
     * close to a direct core call.
     */
    private WitValue callScalar(WitValue[] args) {
        ScalarCodec[] params = codecs.scalarParams;
        instance.enter(codecs.name);
        try {
            // C2 scalar-replaces only arrays of a constant length, so the common arities get an
            // allocation site each; the JIT prunes the cases a function never takes
            long[] results = switch (params.length) {
                case 0 -> callee.call(NO_ARGS);
                case 1 -> callee.call(new long[] {params[0].lowerScalar(args[0])});
                case 2 -> callee.call(new long[] {params[0].lowerScalar(args[0]), params[1].lowerScalar(args[1])});
                case 3 -> callee.call(new long[] {params[0].lowerScalar(args[0]), params[1].lowerScalar(args[1]),
                        params[2].lowerScalar(args[2])});
                default -> callee.call(lowerScalars(params, args));
            };
            checkResultCount(results);
            ScalarCodec r = codecs.scalarResult;
            WitValue result = r == null ? null : r.liftScalar(results[0]);
            finish(results);
            return result;
        } finally {
            instance.leave();
        }
    }

    /**
     * Whether {@link #callPrimitive} can call this function: every parameter and the result are scalars
     * (bool, numbers, char), at most {@link PrimitiveCall#MAX_PARAMS} parameters.
     */
    public boolean takesPrimitives() {
        return codecs.scalarParams != null && codecs.scalarParams.length <= PrimitiveCall.MAX_PARAMS;
    }

    /**
     * Calls a function of scalars with the Java primitives of generated bindings, widened to longs as
     * {@link PrimitiveCall} describes (unused arguments are ignored), and returns the result the same way (0
     * when there is none): no {@code WitValue}, no boxing, no context. Only when {@link #takesPrimitives()}.
     * Kept small so that the JIT inlines it into the caller and removes the core call's argument and result
     * arrays: this is the call that brings {@code add(u32, u32) -> u32} to the cost of a direct core call.
     */
    public long callPrimitive(long a0, long a1, long a2, long a3) {
        ScalarCodec[] params = codecs.scalarParams;
        instance.enter(codecs.name);
        try {
            // C2 scalar-replaces only arrays of a constant length, so each arity has its own allocation site
            long[] results = switch (params.length) {
                case 0 -> callee.call(NO_ARGS);
                case 1 -> callee.call(new long[] {lower(params, 0, a0)});
                case 2 -> callee.call(new long[] {lower(params, 0, a0), lower(params, 1, a1)});
                case 3 -> callee.call(new long[] {lower(params, 0, a0), lower(params, 1, a1), lower(params, 2, a2)});
                default -> callee.call(new long[] {lower(params, 0, a0), lower(params, 1, a1), lower(params, 2, a2),
                        lower(params, 3, a3)});
            };
            checkResultCount(results);
            ScalarCodec r = codecs.scalarResult;
            long result = r == null ? 0 : r.liftPrimitive(results[0]);
            finish(results);
            return result;
        } finally {
            instance.leave();
        }
    }

    /** Lowers argument {@code i}; one that does not fit is the caller's mistake, named, before the core call. */
    private long lower(ScalarCodec[] params, int i, long value) {
        try {
            return params[i].lowerPrimitive(value);
        } catch (RuntimeException e) {
            // named as the typed call names it: the function, without the interface a plan's name starts with
            String function = codecs.name.substring(codecs.name.lastIndexOf('#') + 1);
            throw JavaFunction.badArgument(function, codecs.paramNames[i], e);
        }
    }

    private static long[] lowerScalars(ScalarCodec[] params, WitValue[] args) {
        long[] flat = new long[params.length];
        for (int i = 0; i < params.length; i++) {
            flat[i] = params[i].lowerScalar(args[i]);
        }
        return flat;
    }

    private void checkResultCount(long[] results) {
        int count = results == null ? 0 : results.length;
        if (count != codecs.flatResultCount) {
            throw new CanonicalAbiTrap(codecs.name + " returned " + count + " core values, expected "
                    + codecs.flatResultCount);
        }
    }

    /** task.return's checks, then post-return. */
    private void finish(long[] results) {
        // every borrow lent to the guest must have been dropped by now
        if (instance.outstandingBorrows > 0) {
            throw new CanonicalAbiTrap(codecs.name + " returned while still holding "
                    + instance.outstandingBorrows + " borrowed handle(s) it was lent");
        }
        PostReturn postReturn = options.postReturn();
        if (postReturn != null) {
            instance.mayLeave = false;
            try {
                postReturn.postReturn(results);
            } finally {
                instance.mayLeave = true;
            }
        }
    }

    @Override
    public String toString() {
        return "LiftedFunction[" + codecs.name + ", core " + coreParams() + " -> " + coreResults() + "]";
    }
}
