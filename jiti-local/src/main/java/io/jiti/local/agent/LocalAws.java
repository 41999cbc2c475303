package io.jiti.local.agent;

/** The region and account the local AWS-compatible servers (bucket, queue, table) present themselves in. */
final class LocalAws {
    /** The one region: clients need one, and ARNs carry it. */
    static final String REGION = "us-east-1";
    /** The account id in queue URLs and ARNs. */
    static final String ACCOUNT = "000000000000";

    private LocalAws() {
    }
}
