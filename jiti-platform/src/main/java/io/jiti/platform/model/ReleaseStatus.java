package io.jiti.platform.model;

import java.util.Locale;

/** Where a release is: waiting for an approval, deploying, settling under the health gate, live, or ended otherwise. */
public enum ReleaseStatus {
    /** A pipeline stage holds it until someone with the right role or team approves it. */
    AWAITING_APPROVAL,
    /** Refused by an approver. */
    REJECTED,
    /** Its approval was not given in time. */
    EXPIRED,
    /** Its deployment is queued or running. */
    DEPLOYING,
    /** Deployed; its instances must stay healthy for the source's settle time. */
    SETTLING,
    /** What the environment runs. */
    LIVE,
    /** Its deployment or its health gate failed. */
    FAILED,
    /** A newer release went live. */
    SUPERSEDED,
    /** A rollback replaced it (by hand, or automatically after the health gate failed). */
    ROLLED_BACK;

    /** The word the API and CLI use ({@code awaiting-approval}, {@code live}, …). */
    public String word() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The status a word names. */
    public static ReleaseStatus of(String word) {
        return valueOf(word.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /** Whether it is still moving (the release driver looks at it). */
    public boolean open() {
        return this == AWAITING_APPROVAL || this == DEPLOYING || this == SETTLING;
    }
}
