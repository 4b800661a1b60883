package dev.witbox.wit;

import java.util.ArrayList;
import java.util.List;

/** Collects resolution errors so that several independent ones are reported together. */
final class Diags {

    static final int MAX = 50;

    /** Aborts the current item; caught by {@link #guard}. */
    static final class Abort extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient WitDiagnostic diagnostic;

        Abort(WitDiagnostic diagnostic) {
            super(diagnostic.message(), null, false, false);
            this.diagnostic = diagnostic;
        }
    }

    private final List<WitDiagnostic> list = new ArrayList<>();

    Abort error(SourceFile src, int pos, String message) {
        return new Abort(src.diagnostic(pos, message));
    }

    void add(WitDiagnostic d) {
        if (list.size() < MAX) {
            list.add(d);
        }
        if (list.size() >= MAX) {
            throw new WitException(list);
        }
    }

    void report(SourceFile src, int pos, String message) {
        add(src.diagnostic(pos, message));
    }

    /** Runs {@code r}; an {@link Abort} it throws is recorded. Returns whether it succeeded. */
    boolean guard(Runnable r) {
        try {
            r.run();
            return true;
        } catch (Abort a) {
            add(a.diagnostic);
            return false;
        }
    }

    boolean hasErrors() {
        return !list.isEmpty();
    }

    void throwIfAny() {
        if (!list.isEmpty()) {
            throw new WitException(List.copyOf(list));
        }
    }
}
