package io.jiti.api;

import java.util.List;
import java.util.stream.Collectors;

/** A stack definition that does not validate; carries every problem found, not just the first. */
public final class InvalidStackException extends JitiException {
    private static final long serialVersionUID = 1L;
    private final transient List<Diagnostic> diagnostics;

    public InvalidStackException(List<Diagnostic> diagnostics) {
        super(diagnostics.stream().map(Diagnostic::toString).collect(Collectors.joining("\n")));
        this.diagnostics = List.copyOf(diagnostics);
    }

    /** Every problem, in file order. */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
