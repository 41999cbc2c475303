package io.jiti.platform.store;

import io.jiti.blueprints.BlueprintVersion;
import io.jiti.platform.model.AuditEntry;
import io.jiti.platform.model.Campaign;
import io.jiti.platform.model.Deployment;
import io.jiti.platform.model.DeploymentStatus;
import io.jiti.platform.model.Entitlement;
import io.jiti.platform.model.Environment;
import io.jiti.platform.model.Instance;
import io.jiti.platform.model.InventoryFilter;
import io.jiti.platform.model.InventoryRow;
import io.jiti.platform.model.MetricSample;
import io.jiti.platform.model.Policy;
import io.jiti.platform.model.Service;
import io.jiti.platform.model.Target;
import io.jiti.platform.model.Team;
import io.jiti.platform.model.TemplateStatus;
import io.jiti.platform.model.TemplateVersion;
import io.jiti.platform.model.User;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the platform keeps its rows. Every write is durable when the call returns (a database transaction);
 * {@link #transaction} makes several writes one.
 */
public interface Store {

    /** Runs {@code work} in one transaction over a store bound to it: all of its writes or none. */
    <T> T transaction(Function<Store, T> work);

    /** Delivery's rows, bound to the same transaction as this store. */
    DeliveryStore delivery();

    // teams and users

    /** Adds a team; false when the name is taken. */
    boolean insertTeam(Team team);

    /** The team {@code name}. */
    Optional<Team> team(String name);

    /** Every team, by name. */
    List<Team> teams();

    /** Adds a user; false when the name is taken. */
    boolean insertUser(User user);

    /** The user {@code name}. */
    Optional<User> user(String name);

    /** Every user, by name. */
    List<User> users();

    /** Keeps a token's hash. */
    void insertToken(StoredToken token);

    /** The token with this hash. */
    Optional<StoredToken> tokenByHash(String hash);

    /** Every token of {@code user}. */
    List<StoredToken> tokens(String user);

    /** Revokes a token; false when there is none with that id. */
    boolean revokeToken(String id);

    // templates

    /** Adds a template version; false when it exists. */
    boolean insertTemplate(TemplateVersion version);

    /** Replaces a draft's bundle (a draft may be uploaded again until published). */
    void updateDraft(TemplateVersion version);

    /** Sets a version's status (and when it was published). */
    void updateTemplateStatus(String name, BlueprintVersion version, TemplateStatus status, Instant published);

    /** One template version. */
    Optional<TemplateVersion> template(String name, BlueprintVersion version);

    /** Every version of every template ({@code name} null) or of one, by name and version. */
    List<TemplateVersion> templates(String name);

    // environments, services, instances

    /** Adds an environment; false when the name is taken. */
    boolean insertEnvironment(Environment environment);

    /** Replaces an environment's template version and inputs. */
    void updateEnvironment(Environment environment);

    /** The environment {@code name}. */
    Optional<Environment> environment(String name);

    /** Every environment, by name. */
    List<Environment> environments();

    /** Adds a service; false when the name is taken. */
    boolean insertService(Service service);

    /** The service {@code name}. */
    Optional<Service> service(String name);

    /** Every service, by name. */
    List<Service> services();

    /** Adds an instance; false when the service has one in that environment. */
    boolean insertInstance(Instance instance);

    /** Removes an instance's row (its deployments stay, as history); false when there was none. */
    boolean deleteInstance(String service, String environment);

    /** Removes an environment's row (it has no instances left); false when there was none. */
    boolean deleteEnvironment(String name);

    /** Replaces an instance's template version, inputs and components. */
    void updateInstance(Instance instance);

    /** The instance of {@code service} in {@code environment}. */
    Optional<Instance> instance(String service, String environment);

    /** Every instance, by service and environment. */
    List<Instance> instances();

    // entitlements

    /** Adds or replaces a team's entitlement to a template major. */
    void putEntitlement(Entitlement entitlement);

    /** A team's entitlement to a template major. */
    Optional<Entitlement> entitlement(String team, String template, int major);

    /** Every entitlement of {@code team} (null: of every team). */
    List<Entitlement> entitlements(String team);

    // deployments

    /** Queues a deployment; returns it with its id. */
    Deployment insertDeployment(Deployment deployment);

    /** The deployment {@code id}. */
    Optional<Deployment> deployment(long id);

    /**
     * Deployments, newest first: of {@code target} (null: all), with ids below {@code before} (0: from the
     * newest), at most {@code limit}.
     */
    List<Deployment> deployments(Target target, long before, int limit);

    /** The newest deployment of {@code target}. */
    Optional<Deployment> latest(Target target);

    /** The newest succeeded deployment of {@code target} with an id below {@code before} (0: any). */
    Optional<Deployment> lastSucceeded(Target target, long before);

    /**
     * Takes the oldest queued deployment whose target has nothing running and nothing queued before it:
     * marks it running at {@code now}. Empty when there is none.
     */
    Optional<Deployment> claimNext(Instant now);

    /** Puts every running deployment back in the queue (a server start: they are resumed); returns how many. */
    int requeueRunning();

    /** Ends a deployment that is not ended yet; false when it had ended already. */
    boolean finish(long id, DeploymentStatus status, String message, Instant now);

    /** Records the plan a deployment applies. */
    void setPlan(long id, String plan);

    /** Appends lines to a deployment's log. */
    void appendLog(long id, String lines);

    /** Asks a running deployment to stop as soon as it can. */
    void requestCancel(long id);

    /** Whether cancelling was asked for. */
    boolean cancelRequested(long id);

    // policies

    /** Adds a policy; false when the name is taken. */
    boolean insertPolicy(Policy policy);

    /** Removes a policy; false when there is none of that name. */
    boolean deletePolicy(String name);

    /** Every policy, by name. */
    List<Policy> policies();

    // campaigns

    /** Adds a campaign with its items; returns it with its id. */
    Campaign insertCampaign(Campaign campaign);

    /** The campaign {@code id} with its items. */
    Optional<Campaign> campaign(long id);

    /** Campaigns, newest first, at most {@code limit}; {@code running} only those still running. */
    List<Campaign> campaigns(boolean running, int limit);

    /** Sets a campaign's status, wave and message (and when it ended, for an end status). */
    void updateCampaign(long id, String status, int wave, String message, Instant finished);

    /** Sets one item's deployment, status, settle time and message. */
    void updateCampaignItem(long campaign, Target target, long deployment, String status, Instant settleAt, String message);

    // inventory

    /**
     * Up to {@code limit} inventory rows (environments first, then instances, by target) whose key (see
     * {@link io.jiti.platform.Inventory}) sorts after {@code after} (empty or null: from the start), passing
     * {@code filter}.
     */
    List<InventoryRow> inventory(InventoryFilter filter, String after, int limit);

    // metrics

    /** Adds samples in one transaction. */
    void insertSamples(List<MetricSample> samples);

    /** The newest {@code limit} samples of {@code target} since {@code since}, oldest first. */
    List<MetricSample> samples(Target target, Instant since, int limit);

    /** Drops samples older than {@code before}; returns how many. */
    int pruneSamples(Instant before);

    // audit

    /** Appends an entry; returns it with its id. */
    AuditEntry appendAudit(AuditEntry entry);

    /** Entries, newest first, with ids below {@code before} (0: from the newest), at most {@code limit}. */
    List<AuditEntry> audit(long before, int limit);
}
