package io.jiti.platform.model;

import io.jiti.blueprints.BlueprintVersion;
import java.time.Instant;

/**
 * One deploy of a service's source to an environment, numbered per environment ({@code v1}, {@code v2}, …):
 * the commit, the config file's hash, the template version, what triggered it, and how it went.
 *
 * @param id          its row id
 * @param service     the service
 * @param environment the environment
 * @param number      its number in the environment
 * @param commit      the commit deployed (40 hex)
 * @param branch      the branch it came from, or null (a promotion or a rollback)
 * @param configHash  SHA-256 of {@code config/ENV.yaml} at that commit (hex), empty when there is none
 * @param version     the template version the instance was on
 * @param trigger     {@code push}, {@code poll}, {@code promote}, {@code rollback}, {@code auto-rollback}, {@code manual}
 * @param triggeredBy who or what triggered it (a user, the pusher a webhook named, {@code poller})
 * @param deployment  the deployment that applies it, or null while it waits for an approval
 * @param status      where it is
 * @param note        what happened worth knowing (why it failed, why it was rolled back)
 * @param git         what a rollback told git: the revert commit pushed, or why it was refused and how to fix git
 * @param settleUntil when its health gate ends (while settling)
 * @param expires     when its approval expires (while awaiting approval)
 * @param decidedBy   who approved or rejected it
 * @param created     when it was made
 * @param updated     when it last changed
 */
public record Release(long id, String service, String environment, int number, String commit, String branch,
                      String configHash, BlueprintVersion version, String trigger, String triggeredBy, Long deployment,
                      ReleaseStatus status, String note, String git, Instant settleUntil, Instant expires, String decidedBy,
                      Instant created, Instant updated) {

    /** {@code v} and its number. */
    public String label() {
        return "v" + number;
    }

    /** The number a release is called by ({@code v12} or {@code 12}); empty when {@code text} is neither. */
    public static java.util.OptionalInt number(String text) {
        String digits = text == null ? "" : text.startsWith("v") ? text.substring(1) : text;
        return digits.matches("\\d{1,9}") ? java.util.OptionalInt.of(Integer.parseInt(digits))
                : java.util.OptionalInt.empty();
    }

    /** The instance it deploys. */
    public Target target() {
        return Target.instance(service, environment);
    }

    /** The first twelve digits of its commit. */
    public String shortCommit() {
        return commit.substring(0, 12);
    }
}
