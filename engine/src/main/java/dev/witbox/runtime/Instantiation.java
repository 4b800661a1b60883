package dev.witbox.runtime;

import dev.witbox.abi.CanonicalOptions;
import dev.witbox.abi.ComponentInstance;
import dev.witbox.abi.HostFunction;
import dev.witbox.abi.JavaFunction;
import dev.witbox.abi.LiftedFunction;
import dev.witbox.abi.LoweredFunction;
import dev.witbox.abi.PostReturn;
import dev.witbox.abi.Realloc;
import dev.witbox.api.value.WitValue;
import dev.witbox.internal.chicory.CoreExtern;
import dev.witbox.internal.chicory.CoreFunc;
import dev.witbox.internal.chicory.CoreInstanceRef;
import dev.witbox.internal.chicory.CoreMemory;
import dev.witbox.internal.chicory.CoreModuleCode;
import dev.witbox.internal.chicory.MemoryBudget;
import java.util.ArrayList;
import java.util.List;

/**
 * One replay of an {@link InstantiationPlan}: the core instances, canonical ABI instances, trampolines and
 * lifted functions of one plugin instance. Not thread-safe; a {@link PluginInstance} serialises its use.
 *
 * <p>Trampolines and lifted functions resolve their memory, realloc and post-return the first time they
 * are called, not when they are defined: in the wit-component layout a lowered import names the memory of
 * the main module, which is instantiated only after the shim that holds the lowered function.
 */
final class Instantiation {

    private final InstantiationPlan plan;
    private final CoreInstanceRef[] cores;
    private final ComponentInstance[] abi;
    private final CoreFunc[] trampolines;
    private final LiftedFunction[] lifts;
    /** The linked host functions; replaced in place by {@link #relink} (trampolines read through it). */
    private final HostFunction[] hosts;
    private HostImports.ResourceDropHook dropHook;

    Instantiation(InstantiationPlan plan, HostFunction[] hosts, HostImports.ResourceDropHook dropHook,
            int maxMemoryPages) {
        this(plan, hosts, dropHook, maxMemoryPages, MemoryBudget.unlimited());
    }

    /** An instance whose memories are charged to {@code budget}. */
    Instantiation(InstantiationPlan plan, HostFunction[] hosts, HostImports.ResourceDropHook dropHook,
            int maxMemoryPages, MemoryBudget budget) {
        this.plan = plan;
        this.hosts = hosts;
        this.dropHook = dropHook;
        this.cores = new CoreInstanceRef[plan.steps().size()];
        this.abi = new ComponentInstance[plan.abiInstances().size()];
        for (int i = 0; i < abi.length; i++) {
            abi[i] = new ComponentInstance(plan.abiInstances().get(i));
        }
        this.trampolines = new CoreFunc[plan.trampolines().size()];
        for (int i = 0; i < trampolines.length; i++) {
            trampolines[i] = CoreFunc.host(trampoline(plan.trampolines().get(i)));
        }
        this.lifts = new LiftedFunction[plan.lifts().size()];
        java.util.Map<dev.witbox.abi.ResourceType, ComponentInstance> definers = new java.util.IdentityHashMap<>();
        for (InstantiationPlan.ResourceDef r : plan.resources()) {
            Item.CoreItem dtor = r.destructor();
            abi[r.abi()].defineResource(r.type(), dtor == null ? null : rep -> func(dtor).call(new long[] {rep}));
            definers.put(r.type(), abi[r.abi()]);
        }
        for (ComponentInstance instance : abi) {
            instance.linkDefiners(definers);
        }
        // a resource.drop of a type no instance defines drops a resource the host implements; the hook is
        // read at the drop, since relinking a pooled instance replaces it
        java.util.Set<dev.witbox.abi.ResourceType> defined = java.util.Collections.newSetFromMap(
                new java.util.IdentityHashMap<>());
        plan.resources().forEach(r -> defined.add(r.type()));
        for (InstantiationPlan.TrampolineDef t : plan.trampolines()) {
            if (t instanceof InstantiationPlan.ResourceBuiltin b && b.kind() == InstantiationPlan.ResourceBuiltin.Kind.DROP
                    && !defined.contains(b.type())) {
                abi[b.abi()].importResource(b.type(), rep -> {
                    HostImports.ResourceDropHook hook = this.dropHook;
                    if (hook != null) {
                        hook.dropped(b.type(), rep);
                    }
                });
            }
        }
        for (InstantiationPlan.CoreStep step : plan.steps()) {
            CoreModuleCode module = plan.modules().get(step.module());
            List<CoreExtern> imports = new ArrayList<>(step.imports().size());
            for (Item.CoreItem item : step.imports()) {
                imports.add(resolve(item));
            }
            try {
                cores[step.slot()] = module.instantiate(imports, maxMemoryPages, budget);
            } catch (RuntimeException | Error e) {
                free();
                throw e;
            }
        }
    }

    /**
     * Whether handles existed when the instance was sealed: made by start functions (wasi-libc reactors get
     * their stdio streams in {@code _initialize}, which wit-component's fixup module runs as its start
     * function). They stand for host state of this instantiation (a WASI context), which a reset cannot
     * bring back once the imports are replaced, so such an instance is never reset in place.
     */
    private boolean handlesAtSeal;

    /**
     * Records the state every core instance has now as the snapshot {@link #reset} returns to; with
     * {@code keepHandles}, the handles the start functions took too (the host state they stand for is carried
     * over to the next imports, see {@link HostImports.Sealable}).
     */
    void seal(boolean keepHandles) {
        for (CoreInstanceRef core : cores) {
            core.seal();
        }
        boolean sealedAll = true;
        for (ComponentInstance instance : abi) {
            if (instance.hasHandles()) {
                handlesAtSeal = true;
                sealedAll &= keepHandles && instance.seal();
            }
        }
        handlesKept = handlesAtSeal && sealedAll;
    }

    /** Whether handles existed at the seal and were kept, so that a reset returns to them. */
    private boolean handlesKept;

    /** Whether {@link #seal} kept the handles the start functions took (their host state must be carried over). */
    boolean keptHandles() {
        return handlesKept;
    }

    /**
     * Returns every core instance to its sealed snapshot and the canonical ABI state to new (or to the handles
     * kept at the seal); false, changing nothing, when some state cannot be restored in place (then the
     * instance must be dropped).
     */
    boolean reset() {
        if (handlesAtSeal && !handlesKept) {
            return false;
        }
        for (CoreInstanceRef core : cores) {
            if (!core.resettable()) {
                return false;
            }
        }
        for (CoreInstanceRef core : cores) {
            core.reset();
        }
        for (ComponentInstance instance : abi) {
            instance.reset();
        }
        return true;
    }

    /** Replaces the host functions (same plan, newly linked imports), e.g. a fresh WASI context. */
    void relink(HostFunction[] newHosts, HostImports.ResourceDropHook newDropHook) {
        System.arraycopy(newHosts, 0, hosts, 0, hosts.length);
        this.dropHook = newDropHook;
    }

    /** The call-depth limit a core instance went past, when that is why the last call trapped; else 0. */
    int exceededCallDepth() {
        for (CoreInstanceRef core : cores) {
            int limit = core == null ? 0 : core.exceededCallDepth();
            if (limit > 0) {
                return limit;
            }
        }
        return 0;
    }

    /** Bytes of memory dirtied since the seal or the last reset. */
    long dirtyBytes() {
        long sum = 0;
        for (CoreInstanceRef core : cores) {
            sum += core.dirtyBytes();
        }
        return sum;
    }

    /** Closes the host objects the guest still owns (the instance is closed: it will never drop them). */
    void closeHostObjects() {
        for (ComponentInstance instance : abi) {
            instance.closeHostObjects();
        }
    }

    /** Gives the memories back to their budget; the instance must not run again. */
    void free() {
        for (CoreInstanceRef core : cores) {
            if (core != null) {
                core.free();
            }
        }
    }

    /** Calls a component function with WIT values. */
    WitValue call(Item.Func func, WitValue[] args) {
        if (func instanceof Item.Lifted l) {
            return lifted(l.lift()).call(args);
        } else if (func instanceof Item.HostFunc h) {
            return hosts[h.host()].call(args);
        }
        throw new IllegalStateException("unexpected: " + func);
    }

    /**
     * Calls a component function with the Java values of typed bindings, planned by {@code typed}: a
     * lifted export lowers and lifts them directly; a function the host implements gets them as WIT values.
     */
    Object callJava(Item.Func func, JavaFunction typed, Object[] args) {
        if (func instanceof Item.Lifted l) {
            return lifted(l.lift()).callJava(typed, args);
        }
        return typed.fromWitValue(call(func, typed.toWitValues(args)));
    }

    /** The canonical ABI state of the root component instance. */
    ComponentInstance root() {
        return abi[0];
    }

    /** The lifted function behind {@code func}, bound now; null for a function the host implements. */
    LiftedFunction liftedOf(Item.Func func) {
        return func instanceof Item.Lifted l ? lifted(l.lift()) : null;
    }

    private LiftedFunction lifted(int index) {
        LiftedFunction f = lifts[index];
        if (f == null) {
            InstantiationPlan.LiftDef def = plan.lifts().get(index);
            f = def.plan().lift(options(def.options()), abi[def.abi()], func(def.core()));
            lifts[index] = f;
        }
        return f;
    }

    private dev.witbox.abi.CoreFunction trampoline(InstantiationPlan.TrampolineDef def) {
        if (def instanceof InstantiationPlan.LowerDef lower) {
            return new dev.witbox.abi.CoreFunction() {
                private LoweredFunction lowered;

                @Override
                public long[] call(long[] args) {
                    if (lowered == null) {
                        // a component-to-component call: lift out of the callee, lower into the caller
                        HostFunction target = values -> Instantiation.this.call(lower.target(), values);
                        lowered = lower.plan().lower(options(lower.options()), abi[lower.abi()], target);
                    }
                    return lowered.call(args);
                }
            };
        } else if (def instanceof InstantiationPlan.ResourceBuiltin b) {
            ComponentInstance owner = abi[b.abi()];
            return switch (b.kind()) {
                case NEW -> args -> new long[] {owner.resourceNew(b.type(), (int) args[0])};
                case REP -> args -> new long[] {owner.resourceRep(b.type(), (int) args[0])};
                case DROP -> args -> {
                    owner.resourceDrop(b.type(), (int) args[0]);
                    return new long[0];
                };
            };
        }
        throw new IllegalStateException("unexpected: " + def);
    }

    private CanonicalOptions options(InstantiationPlan.Options o) {
        CoreMemory memory = o.memory() == null ? null : (CoreMemory) resolve(o.memory());
        Realloc realloc = null;
        if (o.realloc() != null) {
            CoreFunc f = func(o.realloc());
            realloc = (ptr, size, align, newSize) -> f.call(new long[] {ptr, size, align, newSize})[0];
        }
        PostReturn postReturn = null;
        if (o.postReturn() != null) {
            CoreFunc f = func(o.postReturn());
            postReturn = f::call;
        }
        return new CanonicalOptions(o.encoding(), memory, realloc, postReturn, CanonicalOptions.DEFAULT_MAX_LIFTED_BYTES);
    }

    private CoreFunc func(Item.CoreItem item) {
        return (CoreFunc) resolve(item);
    }

    private CoreExtern resolve(Item.CoreItem item) {
        if (item instanceof Item.Trampoline t) {
            return trampolines[t.index()];
        } else if (item instanceof Item.CoreExport e) {
            CoreInstanceRef instance = cores[e.slot()];
            if (instance == null) {
                throw new IllegalStateException("core instance " + e.slot() + " is used before it is instantiated");
            }
            return instance.export(e.name());
        }
        throw new IllegalStateException("unexpected: " + item);
    }
}
