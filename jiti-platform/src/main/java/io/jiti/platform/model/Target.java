package io.jiti.platform.model;

import io.jiti.platform.PlatformException;

/**
 * What a deployment changes: an environment or a service instance. Written {@code environment/NAME} or
 * {@code instance/SERVICE/ENVIRONMENT}.
 *
 * @param environment the environment
 * @param service     the service, or null for the environment itself
 */
public record Target(String environment, String service) {

    /** An environment. */
    public static Target environment(String name) {
        return new Target(name, null);
    }

    /** A service's instance in an environment. */
    public static Target instance(String service, String environment) {
        return new Target(environment, service);
    }

    /** Whether this is a service instance. */
    public boolean isInstance() {
        return service != null;
    }

    /** The stack it is deployed as: the environment's name, or {@code ENVIRONMENT--SERVICE}. */
    public String stack() {
        return isInstance() ? environment + "--" + service : environment;
    }

    /** Parses what {@link #toString()} writes; bad input in {@code field} otherwise. */
    public static Target parse(String field, String text) {
        String[] p = text == null ? new String[0] : text.split("/", -1);
        if (p.length == 2 && p[0].equals("environment") && !p[1].isEmpty()) {
            return environment(p[1]);
        }
        if (p.length == 3 && p[0].equals("instance") && !p[1].isEmpty() && !p[2].isEmpty()) {
            return instance(p[1], p[2]);
        }
        throw PlatformException.badInput(field, field + " is environment/NAME or instance/SERVICE/ENVIRONMENT");
    }

    @Override
    public String toString() {
        return isInstance() ? "instance/" + service + "/" + environment : "environment/" + environment;
    }
}
