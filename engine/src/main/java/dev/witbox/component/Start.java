package dev.witbox.component;

import java.util.List;

/** 🪙 {@code (start f (value arg)* (result (value))^r)}: decoded, reported as unsupported. */
public record Start(int func, List<Integer> args, int results) {
    public Start {
        args = List.copyOf(args);
    }

    /** The value index space entry for the {@code n}-th result of a start definition. */
    public record Result(Start start, int n) implements Definition {
    }
}
