package io.jiti.local;

import java.nio.file.Path;

/**
 * The layout of a {@code JITI_HOME}: the agent's files, its records, and per stack its logs and files.
 *
 * @param root the home directory
 */
public record Home(Path root) {

    public Path agentDir() {
        return root.resolve("agent");
    }

    /** Written by the running agent: its pid and port. */
    public Path agentInfo() {
        return agentDir().resolve("agent.json");
    }

    /** The control API token, readable by the owner only. */
    public Path token() {
        return agentDir().resolve("token");
    }

    /** Held by the running agent for its whole life: one agent per home. */
    public Path agentLock() {
        return agentDir().resolve("agent.lock");
    }

    /** Held while an agent is being started, so that two CLIs start one agent. */
    public Path startLock() {
        return agentDir().resolve("start.lock");
    }

    public Path agentLog() {
        return agentDir().resolve("agent.log");
    }

    public Path records() {
        return agentDir().resolve("records");
    }

    public Path locks() {
        return root.resolve("locks");
    }

    public Path stackDir(String stack) {
        return root.resolve("stacks").resolve(stack);
    }

    public Path logs(String stack, String particle) {
        return stackDir(stack).resolve("logs").resolve(particle);
    }

    public Path files(String stack) {
        return stackDir(stack).resolve("files");
    }

    /** The key that encrypts secrets at rest (owner-only). */
    public Path secretKey() {
        return agentDir().resolve("secrets.keyset.json");
    }

    /** Encrypted secret values of a stack. */
    public Path secrets(String stack) {
        return stackDir(stack).resolve("secrets");
    }

    public Path work(String stack, String particle) {
        return stackDir(stack).resolve("run").resolve(particle);
    }
}
