package io.jiti.local;

import io.jiti.spi.SourceDigest;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code service} on the agent: updated in place (new instances replace old ones once healthy), started,
 * stopped. A service with {@code build} has the digest of its build directory in its spec
 * ({@link SourceTree}): changed sources are a new release.
 */
final class ServiceType extends RunningType implements SourceDigest {

    ServiceType(AgentClient agent) {
        super("service", agent);
    }

    @Override
    public String sourceDigest(Map<String, Object> spec, Path baseDir) {
        Object build = spec.get("build");
        return build == null ? null : SourceTree.digest(baseDir.resolve(String.valueOf(build)).normalize());
    }
}
