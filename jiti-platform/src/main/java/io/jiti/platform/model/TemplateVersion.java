package io.jiti.platform.model;

import io.jiti.blueprints.BlueprintVersion;
import java.time.Instant;

/**
 * One version of a template as the platform keeps it.
 *
 * @param name        the template's name
 * @param version     its version
 * @param kind        environment or service
 * @param status      draft, published, deprecated or withdrawn
 * @param description what it is for
 * @param bundle      its {@code blueprint.yaml}, as published
 * @param created     when it was first uploaded
 * @param published   when it was published, or null
 */
public record TemplateVersion(String name, BlueprintVersion version, TemplateKind kind, TemplateStatus status,
                              String description, String bundle, Instant created, Instant published) {

    /** {@code NAME@MAJOR.MINOR}. */
    public String id() {
        return name + "@" + version;
    }
}
