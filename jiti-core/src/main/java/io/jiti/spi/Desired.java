package io.jiti.spi;

import io.jiti.api.DesiredState;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A particle as the provider receives it: references resolved, hash computed.
 *
 * @param stack     owning stack (an ownership mark)
 * @param name      particle name (an ownership mark)
 * @param type      type id
 * @param spec      the resolved spec
 * @param specHash  the hash of the resolved spec (an ownership mark, compared on the next plan)
 * @param state     running or stopped
 * @param protect   kept with the resource so that a later prune can honor it
 * @param dependsOn kept with the resource so that a later prune deletes in reverse order
 * @param baseDir   the stack's directory, for relative paths
 */
public record Desired(String stack, String name, String type, Map<String, Object> spec, String specHash,
                      DesiredState state, boolean protect, List<String> dependsOn, Path baseDir) {
}
