/**
 * A jiti command line as its caller ran it ({@link io.jiti.command.Invocation}), and the two ends that let
 * a JVM that is already warm run it for the caller: the CLI's {@link io.jiti.command.CommandHost} runs
 * it, a provider's {@link io.jiti.command.CommandForwarder} hands it over (the local provider to its
 * agent). Both are found with {@link java.util.ServiceLoader}: the CLI and the agent know only this
 * package of each other.
 */
package io.jiti.command;
