/**
 * Delivery's git mechanics, with no platform in them: {@link io.jiti.gitops.GitSources} (branches, a
 * commit's files, a revert commit pushed with a lease), {@link io.jiti.gitops.BranchMap} (branch globs to
 * environments), {@link io.jiti.gitops.Webhooks} (GitHub and GitLab verification over the raw bytes) and
 * {@link io.jiti.gitops.PushEvent} (what a push payload says).
 */
package io.jiti.gitops;
