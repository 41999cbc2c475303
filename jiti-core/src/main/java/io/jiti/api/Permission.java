package io.jiti.api;

import java.util.List;
import java.util.Objects;

/**
 * A least-privilege statement a particle (the principal, the particle that holds it) needs: some actions
 * on some particles, in jiti's neutral form. Actions are {@code TYPE:VERB} ({@code bucket:read},
 * {@code queue:send}, or {@code bucket:*}), where each type lists its verbs ({@code x-jiti-actions} in its
 * schema); resources are names of particles of that type. Cloud providers translate statements to their
 * own policies (IAM, RBAC); the local provider does not enforce them.
 *
 * @param actions   the actions, {@code TYPE:VERB}
 * @param resources the particles they apply to
 * @param note      where the statement comes from or why it is there, shown in plans; may be empty
 */
public record Permission(List<String> actions, List<String> resources, String note) {

    public Permission {
        actions = List.copyOf(actions);
        resources = List.copyOf(resources);
        note = Objects.requireNonNullElse(note, "");
    }
}
