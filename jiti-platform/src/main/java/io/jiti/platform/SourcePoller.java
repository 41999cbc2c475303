package io.jiti.platform;

import io.jiti.gitops.BranchMap;
import io.jiti.gitops.GitException;
import io.jiti.gitops.GitSources;
import io.jiti.gitops.RemoteUrl;
import io.jiti.platform.model.Source;
import io.jiti.platform.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Polls every source's branches ({@code ls-remote}) at its interval, so that a missed webhook still deploys:
 * a mapped branch whose commit delivery has not acted on is delivered as a push. One source at a time.
 */
final class SourcePoller {
    private static final Logger LOG = Logger.getLogger(SourcePoller.class.getName());
    private final Store store;
    private final Clock clock;
    private final GitSources git;
    private final Delivery delivery;
    private final PollSchedule schedule = new PollSchedule();
    private final Map<String, String> problems = new ConcurrentHashMap<>();

    SourcePoller(Store store, Clock clock, GitSources git, Delivery delivery) {
        this.store = store;
        this.clock = clock;
        this.git = git;
        this.delivery = delivery;
    }

    /** Polls the sources whose time has come; answers how many were polled. */
    int tick() {
        int polled = 0;
        Instant now = clock.instant();
        for (Source s : store.delivery().sources()) {
            if (!schedule.due(s.service(), s.pollSeconds(), now)) {
                continue;
            }
            poll(s);
            polled++;
        }
        return polled;
    }

    /** Polls {@code s} now. */
    void poll(Source s) {
        Map<String, String> heads;
        try {
            heads = git.branches(new RemoteUrl(s.url()));
            problems.remove(s.service());
        } catch (GitException e) {
            problems.put(s.service(), e.getMessage());
            LOG.log(Level.FINE, "poll of " + s.service() + " failed", e);
            return;
        }
        BranchMap map = BranchMap.of(s.branches());
        heads.forEach((branch, commit) -> {
            if (!map.environmentsFor(branch).isEmpty()
                    && !commit.equals(store.delivery().branchHead(s.service(), branch).orElse(null))) {
                delivery.polled(s, branch, commit);
            }
        });
    }

    /** Why the last poll of {@code service} failed, if it did. */
    java.util.Optional<String> problem(String service) {
        return java.util.Optional.ofNullable(problems.get(service));
    }
}
