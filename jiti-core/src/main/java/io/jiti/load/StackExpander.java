package io.jiti.load;

import io.jiti.api.Expanded;
import com.fasterxml.jackson.databind.JsonNode;
import io.jiti.api.Diagnostic;
import io.jiti.spi.ProviderContext;
import java.nio.file.Path;
import java.util.List;

/**
 * Stands particles of the types it knows (such as {@code blueprint:NAME@MAJOR}) in for the particles they
 * are made of, before the stack is validated. Found with {@link java.util.ServiceLoader}, so that modules
 * such as jiti-blueprints plug in without the core knowing them.
 */
public interface StackExpander {

    /** Whether particles of {@code type} are expanded by this expander. */
    boolean handles(String type);

    /**
     * The particles of {@code particles} (as written, each a mapping) with the ones this expander handles
     * replaced, or the problems found; {@code source} says where the document came from.
     */
    Expansion expand(List<JsonNode> particles, Source source);

    /**
     * The document being expanded.
     *
     * @param stack     the stack's name
     * @param file      its label in diagnostics
     * @param baseDir   the stack's directory
     * @param positions where its nodes stand, by pointer ({@code /particles/I/...})
     * @param context   the home and settings it is loaded with (the caller's, not necessarily this JVM's)
     */
    record Source(String stack, String file, Path baseDir, Positions positions, ProviderContext context) {
    }

    /**
     * The result of an expansion.
     *
     * @param particles the particles after expansion
     * @param origins   for each of them, the pointer of the particle it came from in the document as written
     *                  ({@code /particles/I}): itself, or the particle it is a member of
     * @param problems  what is wrong (then the rest is not used)
     * @param expanded  what each expanded particle became and what its author changed, for plans
     */
    record Expansion(List<JsonNode> particles, List<String> origins, List<Diagnostic> problems,
                     List<Expanded> expanded) {
        public Expansion {
            particles = List.copyOf(particles);
            origins = List.copyOf(origins);
            problems = List.copyOf(problems);
            expanded = List.copyOf(expanded);
        }
    }
}
