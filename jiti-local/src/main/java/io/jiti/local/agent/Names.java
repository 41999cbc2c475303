package io.jiti.local.agent;

import java.util.regex.Pattern;

/**
 * Stack and particle names as the agent takes them: they become directory and file names under the
 * home, so the agent checks them itself rather than trusting its client ({@code ..} or {@code a/b} never
 * reaches the disk).
 */
final class Names {
    private static final Pattern STACK = Pattern.compile("[a-z][a-z0-9-]*");
    /** A particle, or a blueprint member ({@code PARTICLE.MEMBER}, nested). */
    private static final Pattern PARTICLE = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)*");
    /** Names are file names: well under the 255 bytes file systems allow. */
    private static final int MAX_LENGTH = 200;

    private Names() {
    }

    static void requireStack(String name) {
        if (name.length() > MAX_LENGTH || !STACK.matcher(name).matches()) {
            throw new Agent.AgentException(400, "invalid stack name '" + name + "': it must match " + STACK.pattern()
                    + " and have at most " + MAX_LENGTH + " characters");
        }
    }

    static void requireParticle(String name) {
        if (name.length() > MAX_LENGTH || !PARTICLE.matcher(name).matches()) {
            throw new Agent.AgentException(400, "invalid particle name '" + name + "': it must match "
                    + PARTICLE.pattern() + " and have at most " + MAX_LENGTH + " characters");
        }
    }
}
