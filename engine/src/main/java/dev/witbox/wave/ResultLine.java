package dev.witbox.wave;

import dev.witbox.abi.ValueType;
import java.util.ArrayList;
import java.util.List;

/**
 * The line {@code witbox call} prints for a script: one item per statement that ran, joined by
 * {@code "; "}. An item is the result in WAVE, {@code ()} for a function without result or a drop,
 * {@code $name} for a resource bound to a variable (a handle has no WAVE form), and
 * {@code <trap>} for the statement that trapped.
 */
public final class ResultLine {

    private ResultLine() {
    }

    /** Formats the outcomes of the first {@code outcomes.size()} steps of {@code script}. */
    public static String format(BoundScript script, List<Outcome> outcomes) {
        List<Step> steps = script.steps();
        if (outcomes.size() > steps.size()) {
            throw new IllegalArgumentException(outcomes.size() + " outcomes for " + steps.size() + " steps");
        }
        List<String> items = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            items.add(item(steps.get(i), outcomes.get(i)));
        }
        return String.join("; ", items);
    }

    static String item(Step step, Outcome outcome) {
        if (outcome instanceof Outcome.Trapped) {
            return "<trap>";
        }
        Outcome.Returned returned = (Outcome.Returned) outcome;
        if (step instanceof Step.Drop) {
            return "()";
        }
        Step.Call call = (Step.Call) step;
        ValueType type = call.function().type().result();
        if (type == null) {
            return "()";
        }
        if (returned.value() == null) {
            throw new IllegalArgumentException(call.function().qualifiedName() + " returns a "
                    + Types.describe(type) + ", the outcome has no value");
        }
        if (call.variable() != null && (type instanceof ValueType.OwnOf || type instanceof ValueType.BorrowOf)) {
            return "$" + call.variable();
        }
        return Wave.print(returned.value(), type);
    }
}
