package io.jiti.platform.model;

import java.time.Instant;

/**
 * A guardrail: a CEL expression that must hold for the planned stack of every deployment.
 *
 * @param name       its name
 * @param expression the CEL expression, true when the deployment may go on
 * @param message    what is wrong when it is false, for people
 * @param deny       whether a false expression refuses the deployment (otherwise it only warns)
 * @param created    when it was added
 * @param createdBy  who added it
 */
public record Policy(String name, String expression, String message, boolean deny, Instant created, String createdBy) {
}
