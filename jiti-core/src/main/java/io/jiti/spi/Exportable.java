package io.jiti.spi;

import java.util.List;
import java.util.Map;

/**
 * A provider capability: the provider's own description of a stack as it would apply it (Kubernetes
 * manifests, say), for review or for GitOps tools, made without touching the provider's backend.
 */
public interface Exportable {

    /**
     * The outputs a particle will have, known before it exists (names, addresses, secret references), so that
     * references between particles can be resolved for an export; null for an output only the live resource
     * knows.
     */
    Map<String, Object> plannedOutputs(String stack, String name, String type, Map<String, Object> spec);

    /** The document describing {@code particles} (references resolved), in the provider's own format. */
    String export(List<Desired> particles);
}
