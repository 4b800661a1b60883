package dev.witbox.component;

import java.util.Optional;

/**
 * A canonical definition. {@link Lift} appends to the func index space; every other variant defines a
 * core function. The 🔀/🧵/📝 built-ins are decoded so tools can show them, and are reported as
 * unsupported features.
 */
public sealed interface Canon extends Definition {

    /** The sort of the index this definition appends. */
    default Sort sort() {
        return Sort.CORE_FUNC;
    }

    /** {@code (canon lift (core func f) opts (type ft))}. */
    record Lift(int coreFunc, CanonOptions options, int typeIndex) implements Canon {
        @Override
        public Sort sort() {
            return Sort.FUNC;
        }
    }

    /** {@code (canon lower (func f) opts)}. */
    record Lower(int func, CanonOptions options) implements Canon {
    }

    record ResourceNew(int resourceType) implements Canon {
    }

    record ResourceDrop(int resourceType) implements Canon {
    }

    record ResourceRep(int resourceType) implements Canon {
    }

    /** A built-in without immediates, e.g. {@code backpressure.inc}, {@code waitable-set.new}, {@code thread.index}. */
    record Builtin(String name) implements Canon {
    }

    /** {@code task.return}. */
    record TaskReturn(Optional<ValType> result, CanonOptions options) implements Canon {
    }

    /** {@code context.get} / {@code context.set}. */
    record Context(String name, CoreValType type, int slot) implements Canon {
    }

    /** A built-in with a single boolean immediate: {@code async?}, {@code cancel?} or {@code shared?}. */
    record Flagged(String name, boolean flag) implements Canon {
    }

    /** Stream/future built-ins taking the stream or future type. */
    record Typed(String name, int typeIndex) implements Canon {
    }

    /** {@code stream.read}/{@code write}, {@code future.read}/{@code write}. */
    record TypedWithOptions(String name, int typeIndex, CanonOptions options) implements Canon {
    }

    /** {@code stream/future.cancel-read/write} with their {@code async?} immediate. */
    record TypedFlagged(String name, int typeIndex, boolean async) implements Canon {
    }

    /** {@code error-context.new} / {@code error-context.debug-message}. */
    record WithOptions(String name, CanonOptions options) implements Canon {
    }

    /** {@code waitable-set.wait} / {@code waitable-set.poll}. */
    record WaitableSet(String name, boolean cancellable, int memory) implements Canon {
    }

    /** {@code thread.new-indirect}, {@code thread.spawn-ref}, {@code thread.spawn-indirect}. */
    record Thread(String name, boolean shared, int coreFuncType, Optional<Integer> table) implements Canon {
    }
}
