package dev.witbox.abi;

import dev.witbox.api.WitboxException;
import java.util.List;
import java.util.Objects;

/**
 * The per-type half of {@code canon lift} and {@code canon lower}: the codec tree of a function
 * type and its flat core signature, built once per function type and shared by every instance
 * and binding. Building codecs walks the whole type (layouts, flattening, case tables), which is
 * far too costly to repeat per instance or per call; binding a plan to options, an instance and a
 * callee ({@link #lift}, {@link #lower}) only checks the options against what the plan
 * precomputed. Immutable and thread-safe.
 */
public final class FunctionPlan {

    final FunctionCodecs codecs;
    private final FunctionType type;
    /** What the options must provide, decided once from the type (see {@link #lift} and {@link #lower}). */
    private final boolean paramsInMemory;
    private final boolean resultUsesMemory;
    private final boolean resultHasBorrow;

    private FunctionPlan(String name, FunctionType type) {
        this.type = type;
        this.codecs = new FunctionCodecs(name, type);
        this.paramsInMemory = codecs.paramTuple != null || codecs.paramsUseMemory(type);
        this.resultUsesMemory = type.result() != null && Codecs.usesMemory(type.result());
        this.resultHasBorrow = type.result() != null && Codecs.containsBorrow(type.result());
    }

    /** Plans calls of a function called {@code name} (for messages) with type {@code type}. */
    public static FunctionPlan of(String name, FunctionType type) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        return new FunctionPlan(name, type);
    }

    public String name() {
        return codecs.name;
    }

    public FunctionType type() {
        return type;
    }

    /** The lifted core function's parameter types. */
    public List<CoreType> liftedCoreParams() {
        return codecs.flatParams;
    }

    /** The lifted core function's result types (what post-return takes too). */
    public List<CoreType> liftedCoreResults() {
        return codecs.flatResults;
    }

    /**
     * {@code canon lift}: binds the plan to the core function {@code callee} of {@code instance}.
     * Fails with a {@link WitboxException} when the options lack what the type needs (memory, realloc).
     */
    public LiftedFunction lift(CanonicalOptions options, ComponentInstance instance, CoreFunction callee) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(callee, "callee");
        String name = codecs.name;
        if (paramsInMemory) {
            FunctionCodecs.require(options.realloc() != null, name,
                    "its parameters are passed in memory, which needs the realloc option");
        }
        if (type.result() != null) {
            FunctionCodecs.require(!resultHasBorrow, name, "a result may not contain a borrow");
            if (codecs.spillResult || resultUsesMemory) {
                FunctionCodecs.require(options.memory() != null, name,
                        "its result is passed in memory, which needs the memory option");
            }
        }
        return new LiftedFunction(codecs, options, instance, callee);
    }

    /**
     * {@code canon lower}: binds the plan to the host function {@code target}, called by
     * {@code instance}'s guest. Fails with a {@link WitboxException} when the options lack what the
     * type needs.
     */
    public LoweredFunction lower(CanonicalOptions options, ComponentInstance instance, HostFunction target) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(target, "target");
        String name = codecs.name;
        if (paramsInMemory) {
            FunctionCodecs.require(options.memory() != null, name,
                    "its parameters are passed in memory, which needs the memory option");
        }
        if (type.result() != null) {
            FunctionCodecs.require(!resultHasBorrow, name, "a result may not contain a borrow");
            if (codecs.spillResult) {
                FunctionCodecs.require(options.memory() != null, name,
                        "its result is passed in memory, which needs the memory option");
            }
            if (resultUsesMemory) {
                FunctionCodecs.require(options.realloc() != null, name,
                        "its result holds strings or lists, which needs the realloc option");
            }
        }
        return new LoweredFunction(codecs, options, instance, target);
    }

    @Override
    public String toString() {
        return "FunctionPlan[" + codecs.name + ", core " + codecs.flatParams + " -> " + codecs.flatResults + "]";
    }
}
