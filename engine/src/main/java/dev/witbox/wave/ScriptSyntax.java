package dev.witbox.wave;

import java.util.List;

/** A script as written, before binding: names, variables and untyped argument nodes, with positions. */
final class ScriptSyntax {

    private ScriptSyntax() {
    }

    sealed interface Statement {
        int start();
    }

    /** {@code [$variable =] name(args)}; {@code variable} is null when nothing is bound. */
    record Call(String variable, int start, String name, int nameStart, List<Arg> args, int close)
            implements Statement {
    }

    /** {@code drop($variable)}. */
    record Drop(String variable, int variableStart, int start) implements Statement {
    }

    sealed interface Arg {
        int start();
    }

    /** An argument written in WAVE. */
    record ValueArg(Node node) implements Arg {
        @Override
        public int start() {
            return node.start();
        }
    }

    /** {@code $name}. */
    record VarArg(String name, int start) implements Arg {
    }
}
