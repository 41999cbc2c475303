package io.jiti.platform.model;

import java.time.Instant;

/**
 * A team's service, made from a service template major: it has one instance per environment it runs in.
 *
 * @param name     its name
 * @param team     the team that owns it
 * @param template the service template
 * @param major    the template major it uses
 * @param created  when it was created
 */
public record Service(String name, String team, String template, int major, Instant created) {
}
