package dev.witbox.wave;

import dev.witbox.abi.ValueType;
import dev.witbox.api.value.WitValue;
import java.util.List;
import java.util.Map;
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

    /**
     * An argument: a value read from WAVE, the value of an earlier statement's variable, or a WAVE value with
     * variables inside ({@code [$a, $b]}).
     */
    sealed interface Argument {
        /** The argument's value, given the values bound so far. */
        WitValue value(Map<String, WitValue> variables);
    }

    /** A value written in WAVE, already typed by its parameter. */
    record Value(WitValue value) implements Argument {
        public Value {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public WitValue value(Map<String, WitValue> variables) {
            return value;
        }
    }

    /** {@code $name}: the result an earlier statement bound to {@code name}. */
    record Variable(String name) implements Argument {
        public Variable {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public WitValue value(Map<String, WitValue> variables) {
            return variables.get(name);
        }
    }

    /**
     * A WAVE value with {@code $variables} inside, typed and checked when the script was bound; its value is
     * read again with the variables' values when the statement runs.
     */
    final class WithVariables implements Argument {
        private final String src;
        private final Node node;
        private final ValueType type;
        private final Map<String, ValueType> held;

        WithVariables(String src, Node node, ValueType type, Map<String, ValueType> held) {
            this.src = src;
            this.node = node;
            this.type = type;
            this.held = Map.copyOf(held);
        }

        @Override
        public WitValue value(Map<String, WitValue> variables) {
            return new WaveReader(src, (v, t) -> ScriptBinder.asExpected(variables.get(v.name()), held.get(v.name()), t))
                    .read(node, type);
        }

        @Override
        public String toString() {
            return src.substring(node.start(), node.end());
        }
    }
}
