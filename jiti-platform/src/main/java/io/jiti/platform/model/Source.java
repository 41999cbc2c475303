package io.jiti.platform.model;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a service's code and stack come from: a git repository, the stack file in it, and which branches
 * deploy which environments. The webhook secret is kept apart (shown once, never in this record).
 *
 * @param service       the service
 * @param url           the repository (HTTPS, SSH, a local path); shown without any password in it
 * @param path          the stack file in it ({@code jiti.yaml} by default)
 * @param branches      branch name or glob → environment, in order ({@code main → test}, {@code release/* → staging})
 * @param pollSeconds   how often the branches are polled (a missed webhook still deploys)
 * @param settleSeconds how long a release's instances must stay healthy before it is live
 * @param created       when it was set
 */
public record Source(String service, String url, String path, Map<String, String> branches, int pollSeconds,
                     int settleSeconds, Instant created) {

    /** The default stack file. */
    public static final String DEFAULT_PATH = "jiti.yaml";

    public Source {
        branches = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(branches));
    }
}
