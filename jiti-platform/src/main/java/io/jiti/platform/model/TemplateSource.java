package io.jiti.platform.model;

import java.time.Instant;

/**
 * A template repository (what Proton's template sync read): directories {@code NAME/vMAJOR/} each holding a
 * {@code blueprint.yaml}; a push to its branch publishes the versions that are new, as drafts or published.
 *
 * @param name        its name
 * @param url         the repository
 * @param branch      the branch whose pushes count
 * @param publish     whether a new version is published (else it is a draft an admin publishes)
 * @param pollSeconds how often the branch is polled (0: never)
 * @param createdBy   the admin who set it: versions are published as them
 * @param created     when it was set
 */
public record TemplateSource(String name, String url, String branch, boolean publish, int pollSeconds,
                             String createdBy, Instant created) {

    /** The key its deliveries and branch heads are kept under. */
    public String key() {
        return "templates/" + name;
    }
}
