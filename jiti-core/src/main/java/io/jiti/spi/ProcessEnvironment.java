package io.jiti.spi;

import java.util.Map;

/**
 * A type capability: the environment a one-off process beside a particle gets ({@code jiti run},
 * {@code jiti psql}): a service's or job's own variables, or what a process connecting to a backing
 * service gets. Secret values are in it: it goes into that process's environment and nowhere else.
 */
public interface ProcessEnvironment {

    /** The variables for a one-off process beside {@code name} of {@code stack}. */
    Map<String, String> processEnvironment(String stack, String name);
}
