package dev.witbox.wave;

import dev.witbox.api.value.WitValue;

/** What running one {@link Step} gave, for {@link ResultLine}. */
public sealed interface Outcome {

    /** The step returned; {@code value} is null for a function without result and for a drop. */
    record Returned(WitValue value) implements Outcome {}

    /** The step trapped; later steps did not run. */
    record Trapped(String message) implements Outcome {}
}
