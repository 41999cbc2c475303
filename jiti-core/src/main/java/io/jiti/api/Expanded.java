package io.jiti.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A particle of a stack file that an expander replaced by others (a blueprint particle and its members),
 * with what its author set against the defaults, so that plans can show both.
 *
 * @param name      the particle's name as written
 * @param from      what it expanded from, such as {@code orders-api@1.0}
 * @param members   the particles it became
 * @param overrides one line per value the author changed against the defaults (parameters, member spec
 *                  patches, extra permissions), for people
 * @param outputs   its outputs, each the reference into a member it stands for ({@code ${NAME.MEMBER.OUTPUT}}):
 *                  how a caller reads them from an apply's outputs
 */
public record Expanded(String name, String from, List<String> members, List<String> overrides,
                       Map<String, String> outputs) {

    public Expanded {
        members = List.copyOf(members);
        overrides = List.copyOf(overrides);
        outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    }
}
