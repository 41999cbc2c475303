package io.jiti.platform.model;

import java.time.Duration;
import java.util.List;

/**
 * One stage of a pipeline: environments a release reaches together, and what lets it in.
 *
 * @param name          its name
 * @param environments  its environments
 * @param approval      whether a release waits for an approval before it deploys here
 * @param approverRole  the role that may approve ({@code admin}, {@code developer}), or null
 * @param approverTeam  the team whose members may approve, or null
 * @param fourEyes      whether whoever pushed or triggered the release may not approve it
 * @param approvalTtl   how long an approval may wait before the release expires
 */
public record Stage(String name, List<String> environments, boolean approval, String approverRole, String approverTeam,
                    boolean fourEyes, Duration approvalTtl) {

    public Stage {
        environments = List.copyOf(environments);
    }
}
