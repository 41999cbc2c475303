package io.jiti.gitops;

import java.util.Optional;

/**
 * What became of a revert commit pushed to a branch.
 *
 * @param pushed whether the branch now points at the revert commit
 * @param commit the revert commit made (present even when the push was refused)
 * @param reason when refused: why, and what to do so git again describes what runs
 */
public record RevertOutcome(boolean pushed, String commit, Optional<String> reason) {
}
