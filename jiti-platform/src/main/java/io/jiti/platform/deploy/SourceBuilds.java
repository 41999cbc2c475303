package io.jiti.platform.deploy;

import io.jiti.api.InvalidStackException;
import io.jiti.gitops.GitException;
import io.jiti.gitops.GitSources;
import io.jiti.gitops.RemoteUrl;
import io.jiti.platform.PlatformException;
import io.jiti.platform.model.Deployment;
import io.jiti.platform.model.Source;
import io.jiti.platform.store.Store;
import io.jiti.sops.Identities;
import io.jiti.sops.Sops;
import io.jiti.sops.SopsException;
import io.jiti.sops.SopsFile;
import io.jiti.sops.config.EnvConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a deployment of a source commit needs before it plans: the commit's files (checked out once per
 * commit), and its environment's config ({@code config/ENV.yaml} at that commit), decrypted in memory with the
 * server's age identities and handed to the provider as the values of the config secrets, never stored.
 */
public final class SourceBuilds {
    /** The prefix of the variables the config secrets read their values from. */
    public static final String PREFIX = "JITI_CONFIG_";
    private final Store store;
    private final GitSources git;
    private final Path checkouts;
    private final Identities identities;

    /**
     * @param store      the rows (sources)
     * @param workDir    where mirrors ({@code git/}) and checkouts ({@code sources/SERVICE/COMMIT}) are kept
     * @param identities the server's age identities (none: a source with a config file cannot deploy)
     * @param timeout    the longest a git remote may take to answer
     */
    public SourceBuilds(Store store, Path workDir, Identities identities, Duration timeout) {
        this.store = store;
        this.git = new GitSources(workDir.resolve("git"), timeout);
        this.checkouts = workDir.resolve("sources");
        this.identities = identities;
    }

    /** The git operations, for delivery's polls and reverts. */
    public GitSources git() {
        return git;
    }

    /**
     * A commit ready to build.
     *
     * @param source     the service's source
     * @param commit     the commit
     * @param checkout   the commit's files
     * @param supplied   {@code JITI_CONFIG_KEY → value} for the provider: secrets
     * @param keys       the config's variable names, in file order
     * @param configHash SHA-256 of the config file (hex), empty when there is none
     */
    public record Prepared(Source source, String commit, Path checkout, Map<String, String> supplied, java.util.List<String> keys,
                           String configHash) {

        /** The variable names only: the values never reach a log. */
        @Override
        public String toString() {
            return "Prepared[" + checkout + ", keys=" + keys + "]";
        }
    }

    /** Checks out {@code d}'s commit and decrypts its environment's config; a problem fails the deployment before it plans. */
    public Prepared prepare(Deployment d) {
        Source source = store.delivery().source(d.target().service()).orElseThrow(() -> PlatformException.conflict(
                "source", "service " + d.target().service() + " has no source any more"));
        Path checkout;
        try {
            checkout = git.checkout(new RemoteUrl(source.url()), d.commit(),
                    checkouts.resolve(d.target().service()).resolve(d.commit()));
        } catch (GitException e) {
            throw PlatformException.conflict("source", "cannot fetch " + d.commit() + ": " + e.getMessage());
        }
        String env = d.target().environment();
        Path file = checkout.resolve("config").resolve(env + ".yaml");
        if (!Files.isRegularFile(file)) {
            return new Prepared(source, d.commit(), checkout, Map.of(), java.util.List.of(), "");
        }
        String label = "config/" + env + ".yaml@" + d.commit().substring(0, 12);
        try {
            byte[] bytes = Files.readAllBytes(file);
            SopsFile sops = SopsFile.parse(new String(bytes, java.nio.charset.StandardCharsets.UTF_8), label);
            Map<String, String> values = EnvConfig.variables(Sops.decrypt(sops, identities, label).values(), label);
            Map<String, String> supplied = new LinkedHashMap<>();
            values.forEach((k, v) -> supplied.put(PREFIX + k, v));
            return new Prepared(source, d.commit(), checkout, supplied, java.util.List.copyOf(values.keySet()), sha256(bytes));
        } catch (SopsException | InvalidStackException e) {
            throw PlatformException.badInput("config", e.getMessage() + " (nothing was deployed)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
