package dev.witbox.wit;

import dev.witbox.api.WitboxException;
import java.util.List;
import java.util.stream.Collectors;

/** Thrown for every problem in WIT input: syntax, resolution, validation, or file access. */
public class WitException extends WitboxException {

    private static final long serialVersionUID = 1L;

    private final transient List<WitDiagnostic> diagnostics;

    public WitException(List<WitDiagnostic> diagnostics) {
        super(render(diagnostics));
        if (diagnostics == null || diagnostics.isEmpty()) {
            throw new IllegalArgumentException("a WitException needs at least one diagnostic");
        }
        this.diagnostics = List.copyOf(diagnostics);
    }

    public WitException(WitDiagnostic diagnostic) {
        this(List.of(diagnostic));
    }

    /** The problems found, at least one, in the order they were found. */
    public List<WitDiagnostic> diagnostics() {
        return diagnostics;
    }

    private static String render(List<WitDiagnostic> diagnostics) {
        if (diagnostics == null) {
            return "";
        }
        return diagnostics.stream().map(WitDiagnostic::render).collect(Collectors.joining("\n"));
    }
}
