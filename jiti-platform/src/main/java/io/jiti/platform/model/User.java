package io.jiti.platform.model;

import io.jiti.platform.Role;
import java.time.Instant;

/**
 * A person (or a robot) with a role, authenticating with API tokens.
 *
 * @param name    their name
 * @param team    their team, or null
 * @param role    their role
 * @param created when they were created
 */
public record User(String name, String team, Role role, Instant created) {
}
