package io.jiti.platform.store;

import io.jiti.platform.model.Pipeline;
import io.jiti.platform.model.Release;
import io.jiti.platform.model.ReleaseStatus;
import io.jiti.platform.model.Source;
import io.jiti.platform.model.WebhookDelivery;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Delivery's rows: sources, webhook deliveries, branch heads, quarantined commits, releases, pipelines. */
public interface DeliveryStore {

    /** Sets the source of a service (replacing one), with its webhook secret. */
    void upsertSource(Source source, String webhookSecret);

    /** The source of {@code service}. */
    Optional<Source> source(String service);

    /** The webhook secret of {@code service}'s source. */
    Optional<String> webhookSecret(String service);

    /** Every source, by service. */
    List<Source> sources();

    /** Removes a service's source; false when it had none. */
    boolean deleteSource(String service);

    /** Sets a template source (replacing one), with its webhook secret. */
    void upsertTemplateSource(io.jiti.platform.model.TemplateSource source, String webhookSecret);

    /** The template source {@code name}. */
    Optional<io.jiti.platform.model.TemplateSource> templateSource(String name);

    /** Every template source. */
    List<io.jiti.platform.model.TemplateSource> templateSources();

    /** The webhook secret of template source {@code name}. */
    Optional<String> templateSourceSecret(String name);

    /** Records a delivery; false when its (service, delivery id) was recorded before (a replay). */
    boolean insertDelivery(WebhookDelivery delivery);

    /** Whether a delivery of {@code service} with this id was recorded. */
    boolean deliverySeen(String service, String delivery);

    /** Keeps the newest {@code keep} deliveries of {@code service} (rejected ones must not fill the disk). */
    void pruneDeliveries(String service, int keep);

    /** Deliveries of {@code service}, newest first, with ids below {@code before} (0: from the newest). */
    List<WebhookDelivery> deliveries(String service, long before, int limit);

    /** The newest commit of {@code branch} that delivery acted on. */
    Optional<String> branchHead(String service, String branch);

    /** Sets it. */
    void setBranchHead(String service, String branch, String commit, Instant at);

    /** Quarantines a commit of {@code service}; false when it was already. */
    boolean quarantine(String service, String commit, String reason, Instant at);

    /** Why {@code commit} of {@code service} is quarantined, when it is. */
    Optional<String> quarantined(String service, String commit);

    /** Adds a release numbered one above the environment's newest; answers it. */
    Release insertRelease(Release release);

    /** One release. */
    Optional<Release> release(long id);

    /** The release {@code number} of {@code service} in {@code environment}. */
    Optional<Release> release(String service, String environment, int number);

    /** The release a deployment applies. */
    Optional<Release> releaseOfDeployment(long deployment);

    /** Releases of {@code service} (in {@code environment}, or all when null), newest first, ids below {@code before}. */
    List<Release> releases(String service, String environment, long before, int limit);

    /** Releases in one of {@code statuses}, oldest first. */
    List<Release> releasesIn(Set<ReleaseStatus> statuses, int limit);

    /** The live release of {@code service} in {@code environment}. */
    Optional<Release> live(String service, String environment);

    /** Moves a release: its status, note, gate end, decider, deployment (null fields keep their value). */
    void updateRelease(long id, ReleaseStatus status, String note, Instant settleUntil, String decidedBy, Long deployment,
                       Instant at);

    /** Records what a rollback release told git. */
    void setGit(long release, String text);

    /** Records the hash of the config file a release deployed. */
    void setConfigHash(long release, String hash);

    /** Sets a service's pipeline. */
    void upsertPipeline(Pipeline pipeline, Instant at);

    /** A service's pipeline. */
    Optional<Pipeline> pipeline(String service);
}
