package io.jiti.spi;

import java.nio.file.Path;
import java.util.Map;

/**
 * A type capability: a digest of the files a particle is built from (a service's {@code build} directory),
 * so that a change of the source is a change of the particle even when its spec is the same. The engine
 * puts it into the desired spec as {@value #FIELD} before planning: plans show it, and the provider keys
 * its builds by it.
 */
public interface SourceDigest {
    /** The spec field that carries the digest. */
    String FIELD = "source";

    /** The digest of what {@code spec} builds from, relative to {@code baseDir}; null when it builds nothing. */
    String sourceDigest(Map<String, Object> spec, Path baseDir);
}
