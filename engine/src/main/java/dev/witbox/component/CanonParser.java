package dev.witbox.component;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Decodes canonical definitions and validates their options (CanonicalABI.md "canonopt Validation",
 * "canon lift", "canon lower"). Checks that need the core signature of a referenced core function
 * (callee, realloc, post-return, callback, destructor types) are deferred to instantiation, because core
 * functions come from core instances whose modules Chicory parses later.
 */
final class CanonParser {

    static final int MAX_FLAT_PARAMS = 16;
    static final int MAX_FLAT_RESULTS = 1;

    private final ComponentParser p;
    private final ByteReader r;

    CanonParser(ComponentParser p) {
        this.p = p;
        this.r = p.r;
    }

    Canon canon(Scope scope) {
        int at = r.pos();
        int op = r.u8();
        Canon c = switch (op) {
            case 0x00 -> lift(scope, at);
            case 0x01 -> lower(scope, at);
            case 0x02, 0x03, 0x04 -> resource(scope, op, at);
            case 0x24 -> builtin(at, "backpressure.inc", "🔀");
            case 0x25 -> builtin(at, "backpressure.dec", "🔀");
            case 0x09 -> {
                Optional<ValType> result;
                int rAt = r.pos();
                int tag = r.u8();
                if (tag == 0x00) {
                    result = Optional.of(p.types.valType(scope));
                } else if (tag == 0x01) {
                    r.expect(0x00, "empty result list");
                    result = Optional.empty();
                } else {
                    throw r.error(rAt, "expected result list tag 0x00 or 0x01 but found 0x" + ByteReader.hex(tag));
                }
                CanonOptions o = options(scope, "task.return");
                p.unsupported("canon task.return (🔀)", at);
                yield new Canon.TaskReturn(result, o);
            }
            case 0x05 -> builtin(at, "task.cancel", "🔀");
            case 0x0a, 0x0b -> {
                String name = op == 0x0a ? "context.get" : "context.set";
                int tAt = r.pos();
                CoreValType t = p.coreTypes.coreValType();
                if (t != CoreValType.I32) {
                    throw r.error(tAt, name + " requires type i32, found " + t);
                }
                int slot = r.index();
                p.unsupported("canon " + name + " (🔀)", at);
                yield new Canon.Context(name, t, slot);
            }
            case 0x06 -> flagged(at, "subtask.cancel", "🔀");
            case 0x0d -> builtin(at, "subtask.drop", "🔀");
            case 0x0e -> typed(scope, at, "stream.new");
            case 0x0f -> typedWithOptions(scope, at, "stream.read");
            case 0x10 -> typedWithOptions(scope, at, "stream.write");
            case 0x11 -> typedFlagged(scope, at, "stream.cancel-read");
            case 0x12 -> typedFlagged(scope, at, "stream.cancel-write");
            case 0x13 -> typed(scope, at, "stream.drop-readable");
            case 0x14 -> typed(scope, at, "stream.drop-writable");
            case 0x15 -> typed(scope, at, "future.new");
            case 0x16 -> typedWithOptions(scope, at, "future.read");
            case 0x17 -> typedWithOptions(scope, at, "future.write");
            case 0x18 -> typedFlagged(scope, at, "future.cancel-read");
            case 0x19 -> typedFlagged(scope, at, "future.cancel-write");
            case 0x1a -> typed(scope, at, "future.drop-readable");
            case 0x1b -> typed(scope, at, "future.drop-writable");
            case 0x1c, 0x1d -> {
                String name = op == 0x1c ? "error-context.new" : "error-context.debug-message";
                CanonOptions o = options(scope, name);
                p.unsupported("canon " + name + " (📝)", at);
                yield new Canon.WithOptions(name, o);
            }
            case 0x1e -> builtin(at, "error-context.drop", "📝");
            case 0x1f -> builtin(at, "waitable-set.new", "🔀");
            case 0x20, 0x21 -> {
                String name = op == 0x20 ? "waitable-set.wait" : "waitable-set.poll";
                boolean cancel = p.types.optionFlag("cancellable") == 1;
                int mAt = r.pos();
                int m = r.index();
                p.checkIndex(scope, Sort.CORE_MEMORY, m, mAt);
                p.unsupported("canon " + name + " (🔀)", at);
                yield new Canon.WaitableSet(name, cancel, m);
            }
            case 0x22 -> builtin(at, "waitable-set.drop", "🔀");
            case 0x23 -> builtin(at, "waitable.join", "🔀");
            case 0x26 -> builtin(at, "thread.index", "🧵");
            case 0x27 -> {
                int ft = coreFuncType(scope);
                int tAt = r.pos();
                int tbl = r.index();
                p.checkIndex(scope, Sort.CORE_TABLE, tbl, tAt);
                p.unsupported("canon thread.new-indirect (🧵)", at);
                yield new Canon.Thread("thread.new-indirect", false, ft, Optional.of(tbl));
            }
            case 0x28 -> builtin(at, "thread.resume-later", "🧵");
            case 0x29 -> flagged(at, "thread.suspend", "🧵");
            case 0x0c -> flagged(at, "thread.yield", "🔀");
            case 0x2a -> flagged(at, "thread.suspend-then-resume", "🧵");
            case 0x2b -> flagged(at, "thread.yield-then-resume", "🧵");
            case 0x2c -> flagged(at, "thread.suspend-then-promote", "🧵");
            case 0x2d -> flagged(at, "thread.yield-then-promote", "🧵");
            case 0x40, 0x41 -> {
                String name = op == 0x40 ? "thread.spawn-ref" : "thread.spawn-indirect";
                boolean shared = p.types.optionFlag("shared") == 1;
                int ft = coreFuncType(scope);
                Optional<Integer> tbl = Optional.empty();
                if (op == 0x41) {
                    int tAt = r.pos();
                    int t = r.index();
                    p.checkIndex(scope, Sort.CORE_TABLE, t, tAt);
                    tbl = Optional.of(t);
                }
                p.unsupported("canon " + name + " (🧵②)", at);
                yield new Canon.Thread(name, shared, ft, tbl);
            }
            case 0x42 -> flagged(at, "thread.available-parallelism", "🧵②");
            default -> throw r.error(at, "unknown canon opcode 0x" + ByteReader.hex(op));
        };
        if (!(c instanceof Canon.Lift) && !(c instanceof Canon.Lower)) {
            scope.add(Sort.CORE_FUNC, builtinType(c), c);
        }
        return c;
    }

    private Canon lift(Scope scope, int at) {
        r.expect(0x00, "core func sort");
        int fAt = r.pos();
        int f = r.index();
        p.checkIndex(scope, Sort.CORE_FUNC, f, fAt);
        CanonOptions o = options(scope, "canon lift");
        checkRealloc(scope, o, at);
        int tAt = r.pos();
        int t = r.index();
        p.checkIndex(scope, Sort.TYPE, t, tAt);
        Info info = scope.info(Sort.TYPE, t);
        if (info instanceof Info.FuncType ft) {
            if (o.async() && !ft.def().async()) {
                throw r.error(at, "canon lift with the async option requires an async function type");
            }
            requireOptions(ft, o, true, at);
            CoreType.Func expected = flatten(ft, o, true);
            checkCoreType(scope, f, expected, fAt, "canon lift: callee core func " + f);
            if (expected != null && o.postReturn().isPresent()) {
                checkCoreType(scope, o.postReturn().getAsInt(), new CoreType.Func(expected.results(), List.of()), at,
                        "canon lift: post-return core func " + o.postReturn().getAsInt());
            }
        } else if (info != Info.UNKNOWN) {
            throw r.error(tAt, "canon lift type " + t + " is " + TypeParser.kindOf(info) + ", expected a function type");
        }
        Canon.Lift lift = new Canon.Lift(f, o, t);
        scope.add(Sort.FUNC, info, lift);
        return lift;
    }

    private Canon lower(Scope scope, int at) {
        r.expect(0x00, "func sort");
        int fAt = r.pos();
        int f = r.index();
        p.checkIndex(scope, Sort.FUNC, f, fAt);
        CanonOptions o = options(scope, "canon lower");
        if (o.postReturn().isPresent()) {
            throw r.error(at, "the post-return option is only allowed on canon lift");
        }
        if (o.callback().isPresent()) {
            throw r.error(at, "the callback option is only allowed on canon lift");
        }
        checkRealloc(scope, o, at);
        Info coreType = Info.UNKNOWN;
        if (scope.info(Sort.FUNC, f) instanceof Info.FuncType ft) {
            if (o.async() && !ft.def().async()) {
                throw r.error(at, "canon lower with the async option requires an async function type");
            }
            requireOptions(ft, o, false, at);
            CoreType.Func flat = flatten(ft, o, false);
            if (flat != null) {
                coreType = new Info.CoreFuncType(flat);
            }
        }
        Canon.Lower lower = new Canon.Lower(f, o);
        scope.add(Sort.CORE_FUNC, coreType, lower);
        return lower;
    }

    private Canon resource(Scope scope, int op, int at) {
        String name = op == 0x02 ? "resource.new" : op == 0x03 ? "resource.drop" : "resource.rep";
        int tAt = r.pos();
        int t = r.index();
        p.checkIndex(scope, Sort.TYPE, t, tAt);
        Info info = scope.info(Sort.TYPE, t);
        if (info instanceof Info.Resource res) {
            if (op != 0x03 && res.definedIn != scope) {
                throw r.error(tAt, name + " requires a resource type defined by this component, but type " + t
                        + " is imported or defined elsewhere");
            }
        } else if (info != Info.UNKNOWN) {
            throw r.error(tAt, name + " type " + t + " is " + TypeParser.kindOf(info) + ", expected a resource type");
        }
        return switch (op) {
            case 0x02 -> new Canon.ResourceNew(t);
            case 0x03 -> new Canon.ResourceDrop(t);
            default -> new Canon.ResourceRep(t);
        };
    }

    private static final CoreType.Func I32_TO_I32 = new CoreType.Func(List.of(CoreValType.I32), List.of(CoreValType.I32));
    static final CoreType.Func I32_TO_NOTHING = new CoreType.Func(List.of(CoreValType.I32), List.of());
    private static final CoreType.Func REALLOC = new CoreType.Func(
            List.of(CoreValType.I32, CoreValType.I32, CoreValType.I32, CoreValType.I32), List.of(CoreValType.I32));

    /** Core signatures of the resource built-ins (Explainer "Resource built-ins"). */
    private static Info builtinType(Canon c) {
        if (c instanceof Canon.ResourceNew || c instanceof Canon.ResourceRep) {
            return new Info.CoreFuncType(I32_TO_I32);
        } else if (c instanceof Canon.ResourceDrop) {
            return new Info.CoreFuncType(I32_TO_NOTHING);
        }
        return Info.UNKNOWN;
    }

    private void checkRealloc(Scope scope, CanonOptions o, int at) {
        if (o.realloc().isPresent()) {
            checkCoreType(scope, o.realloc().getAsInt(), REALLOC, at, "realloc core func " + o.realloc().getAsInt());
        }
    }

    /** Compares a core function's signature with the expected one when both are statically known. */
    void checkCoreType(Scope scope, int coreFunc, CoreType.Func expected, int at, String what) {
        if (expected != null && scope.info(Sort.CORE_FUNC, coreFunc) instanceof Info.CoreFuncType actual
                && !actual.def().equals(expected)) {
            throw r.error(at, what + " has type " + actual.def() + " but " + expected + " is required");
        }
    }

    /**
     * {@code flatten_functype(opts, ft, lift|lower)} for synchronous functions, or null when some type is
     * not statically known.
     */
    private CoreType.Func flatten(Info.FuncType ft, CanonOptions o, boolean lift) {
        if (o.async() || ft.def().async()) {
            return null;
        }
        Shape params = Shape.EMPTY;
        for (TypeDef.Param prm : ft.def().params()) {
            params = params.plus(Shapes.of(prm.type(), ft.scope()));
        }
        Shape result = ft.def().result().map(t -> Shapes.of(t, ft.scope())).orElse(Shape.EMPTY);
        if (!params.known() || !result.known()) {
            return null;
        }
        List<CoreValType> ps = params.flat() > MAX_FLAT_PARAMS ? List.of(CoreValType.I32) : params.flatTypes();
        List<CoreValType> rs = result.flatTypes();
        if (result.flat() > MAX_FLAT_RESULTS) {
            if (lift) {
                rs = List.of(CoreValType.I32);
            } else {
                List<CoreValType> withOut = new java.util.ArrayList<>(ps);
                withOut.add(CoreValType.I32);
                ps = withOut;
                rs = List.of();
            }
        }
        return new CoreType.Func(ps, rs);
    }

    /** Options a lift or lower needs for its function type (CanonicalABI.md, canon lift / canon lower). */
    private void requireOptions(Info.FuncType ft, CanonOptions o, boolean lift, int at) {
        TypeParser tp = p.types;
        Shape params = Shape.EMPTY;
        for (TypeDef.Param prm : ft.def().params()) {
            params = params.plus(Shapes.of(prm.type(), ft.scope()));
        }
        Shape result = ft.def().result().map(t -> Shapes.of(t, ft.scope())).orElse(Shape.EMPTY);
        String what = lift ? "canon lift" : "canon lower";
        boolean paramsSpill = params.known() && params.flat() > MAX_FLAT_PARAMS;
        boolean resultSpill = result.known() && result.flat() > MAX_FLAT_RESULTS;
        if (lift) {
            // parameters are lowered into the callee's memory: allocation needed
            if (params.pointers() && o.realloc().isEmpty()) {
                throw r.error(at, what + ": parameters contain strings or lists, so the realloc option is required");
            }
            if (paramsSpill && o.realloc().isEmpty()) {
                throw r.error(at, what + ": more than " + MAX_FLAT_PARAMS + " flat parameters, so the realloc option is required");
            }
            if (result.pointers() && o.memory().isEmpty()) {
                throw r.error(at, what + ": result contains strings or lists, so the memory option is required");
            }
            if (resultSpill && o.memory().isEmpty()) {
                throw r.error(at, what + ": result has more than " + MAX_FLAT_RESULTS + " flat value, so the memory option is required");
            }
        } else {
            if (params.pointers() && o.memory().isEmpty()) {
                throw r.error(at, what + ": parameters contain strings or lists, so the memory option is required");
            }
            if (paramsSpill && o.memory().isEmpty()) {
                throw r.error(at, what + ": more than " + MAX_FLAT_PARAMS + " flat parameters, so the memory option is required");
            }
            if (result.pointers() && o.realloc().isEmpty()) {
                throw r.error(at, what + ": result contains strings or lists, so the realloc option is required");
            }
            if (resultSpill && o.memory().isEmpty()) {
                throw r.error(at, what + ": result has more than " + MAX_FLAT_RESULTS + " flat value, so the memory option is required");
            }
        }
    }

    CanonOptions options(Scope scope, String what) {
        int n = r.vecLength("canon option");
        CanonOptions.StringEncoding enc = CanonOptions.StringEncoding.UTF8;
        boolean encGiven = false;
        OptionalInt memory = OptionalInt.empty();
        OptionalInt realloc = OptionalInt.empty();
        OptionalInt postReturn = OptionalInt.empty();
        OptionalInt callback = OptionalInt.empty();
        boolean async = false;
        int start = r.pos();
        for (int i = 0; i < n; i++) {
            int at = r.pos();
            int op = r.u8();
            switch (op) {
                case 0x00, 0x01, 0x02 -> {
                    if (encGiven) {
                        throw r.error(at, "duplicate string-encoding option");
                    }
                    encGiven = true;
                    enc = CanonOptions.StringEncoding.values()[op];
                }
                case 0x03 -> {
                    if (memory.isPresent()) {
                        throw r.error(at, "duplicate memory option");
                    }
                    int m = r.index();
                    p.checkIndex(scope, Sort.CORE_MEMORY, m, at + 1);
                    memory = OptionalInt.of(m);
                }
                case 0x04 -> {
                    if (realloc.isPresent()) {
                        throw r.error(at, "duplicate realloc option");
                    }
                    realloc = OptionalInt.of(coreFunc(scope));
                }
                case 0x05 -> {
                    if (postReturn.isPresent()) {
                        throw r.error(at, "duplicate post-return option");
                    }
                    postReturn = OptionalInt.of(coreFunc(scope));
                }
                case 0x06 -> {
                    if (async) {
                        throw r.error(at, "duplicate async option");
                    }
                    async = true;
                    p.unsupported("async canon option (🔀)", at);
                }
                case 0x07 -> {
                    if (callback.isPresent()) {
                        throw r.error(at, "duplicate callback option");
                    }
                    callback = OptionalInt.of(coreFunc(scope));
                    p.unsupported("callback canon option (🔀)", at);
                }
                default -> throw r.error(at, "unknown canon option 0x" + ByteReader.hex(op));
            }
        }
        if (realloc.isPresent() && memory.isEmpty()) {
            throw r.error(start, what + ": the realloc option requires the memory option");
        }
        if (callback.isPresent() && !async) {
            throw r.error(start, what + ": the callback option requires the async option");
        }
        if (async && postReturn.isPresent()) {
            throw r.error(start, what + ": the async option cannot be combined with post-return");
        }
        return new CanonOptions(enc, encGiven, memory, realloc, postReturn, async, callback);
    }

    private int coreFunc(Scope scope) {
        int at = r.pos();
        int f = r.index();
        p.checkIndex(scope, Sort.CORE_FUNC, f, at);
        return f;
    }

    private int coreFuncType(Scope scope) {
        int at = r.pos();
        int t = r.index();
        p.checkIndex(scope, Sort.CORE_TYPE, t, at);
        if (!(scope.info(Sort.CORE_TYPE, t) instanceof Info.CoreFuncType)) {
            throw r.error(at, "core type " + t + " is not a core function type");
        }
        return t;
    }

    private Canon builtin(int at, String name, String gate) {
        p.unsupported("canon " + name + " (" + gate + ")", at);
        return new Canon.Builtin(name);
    }

    private Canon flagged(int at, String name, String gate) {
        boolean flag = p.types.optionFlag(name + " immediate") == 1;
        p.unsupported("canon " + name + " (" + gate + ")", at);
        return new Canon.Flagged(name, flag);
    }

    private int streamOrFutureType(Scope scope, String name) {
        int at = r.pos();
        int t = r.index();
        p.checkIndex(scope, Sort.TYPE, t, at);
        Info info = scope.info(Sort.TYPE, t);
        boolean stream = name.startsWith("stream");
        if (info instanceof Info.ValueType v) {
            boolean ok = stream ? v.def() instanceof DefinedType.Stream : v.def() instanceof DefinedType.Future;
            if (!ok) {
                throw r.error(at, name + " requires a " + (stream ? "stream" : "future") + " type, but type " + t
                        + " is not one");
            }
        } else if (info != Info.UNKNOWN) {
            throw r.error(at, name + " type " + t + " is " + TypeParser.kindOf(info));
        }
        return t;
    }

    private Canon typed(Scope scope, int at, String name) {
        int t = streamOrFutureType(scope, name);
        p.unsupported("canon " + name + " (🔀)", at);
        return new Canon.Typed(name, t);
    }

    private Canon typedWithOptions(Scope scope, int at, String name) {
        int t = streamOrFutureType(scope, name);
        CanonOptions o = options(scope, name);
        p.unsupported("canon " + name + " (🔀)", at);
        return new Canon.TypedWithOptions(name, t, o);
    }

    private Canon typedFlagged(Scope scope, int at, String name) {
        int t = streamOrFutureType(scope, name);
        boolean async = p.types.optionFlag("async") == 1;
        p.unsupported("canon " + name + " (🔀)", at);
        return new Canon.TypedFlagged(name, t, async);
    }
}
