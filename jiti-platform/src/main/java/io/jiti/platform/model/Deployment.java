package io.jiti.platform.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.jiti.blueprints.BlueprintVersion;
import java.time.Instant;
import java.util.Map;

/**
 * One change of an environment or instance: what was asked, by whom, and how it went. The row is the truth:
 * a worker runs it, a restarted server resumes it.
 *
 * @param id          its number
 * @param target      what it changes
 * @param template    the template
 * @param version     the template version deployed
 * @param inputs      the parameters deployed
 * @param components  an instance's own particles (an array, maybe empty)
 * @param inputsHash  a hash of template version, inputs and components: equal hashes deploy the same thing
 * @param cause       why it exists: {@code create}, {@code update}, {@code retry}, {@code rollback}, {@code upgrade},
 *                    or {@link #DELETE}: the target's whole stack is destroyed, then its row removed
 * @param requestedBy who asked
 * @param status      where it is
 * @param created     when it was queued
 * @param started     when a worker took it, or null
 * @param finished    when it ended, or null
 * @param plan        the plan it applied, as text (sensitive values masked)
 * @param log         what applying it did, line by line
 * @param message     the outcome in a sentence
 * @param commit      the source commit it deploys (a release of a service with a source), or null
 */
public record Deployment(long id, Target target, String template, BlueprintVersion version, Map<String, Object> inputs,
                         JsonNode components, String inputsHash, String cause, String requestedBy,
                         DeploymentStatus status, Instant created, Instant started, Instant finished, String plan,
                         String log, String message, String commit) {

    /** The cause of a deployment that deletes its target. */
    public static final String DELETE = "delete";

    public Deployment {
        inputs = Map.copyOf(inputs);
    }

    /** Whether it deploys a commit of the service's source. */
    public boolean fromSource() {
        return commit != null;
    }

    /** Whether it deletes its target. */
    public boolean deletes() {
        return DELETE.equals(cause);
    }
}
