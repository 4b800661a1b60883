package dev.witbox.wave;

import dev.witbox.api.value.WitValue;
import java.util.List;
import java.util.Objects;

/** One bound statement of a script: a call with typed arguments, or a drop. */
public sealed interface Step {

    /**
     * {@code [$variable =] function(arguments)}; one argument per parameter (omitted trailing
     * options are filled in as {@code none}).
     *
     * @param variable the variable the result is bound to, or null
     */
    record Call(String variable, ScriptFunction function, List<Argument> arguments) implements Step {
        public Call {
            Objects.requireNonNull(function, "function");
            arguments = List.copyOf(arguments);
        }
    }

    /** {@code drop($variable)}: drops the owned resource handle the variable holds. */
    record Drop(String variable) implements Step {
        public Drop {
            Objects.requireNonNull(variable, "variable");
        }
    }

    /** An argument: a value read from WAVE, or the value of an earlier statement's variable. */
    sealed interface Argument {
    }

    /** A value written in WAVE, already typed by its parameter. */
    record Value(WitValue value) implements Argument {
        public Value {
            Objects.requireNonNull(value, "value");
        }
    }

    /** {@code $name}: the result an earlier statement bound to {@code name}. */
    record Variable(String name) implements Argument {
        public Variable {
            Objects.requireNonNull(name, "name");
        }
    }
}
