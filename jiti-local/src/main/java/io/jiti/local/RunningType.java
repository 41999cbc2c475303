package io.jiti.local;

import io.jiti.spi.Desired;
import io.jiti.spi.Observed;
import io.jiti.spi.Outcome;
import io.jiti.spi.Startable;
import io.jiti.spi.Stoppable;
import io.jiti.spi.Updater;
import java.util.Set;

/**
 * A type whose particles the agent keeps running: updated in place through the agent, started, stopped;
 * a change of one of its {@code replaceOn} fields is a replace instead (for a stateful type, one that
 * loses the data, so protection refuses it without {@code --force}).
 */
class RunningType extends AgentType implements Updater, Startable, Stoppable {
    private final Set<String> replaceOn;

    RunningType(String id, AgentClient agent) {
        this(id, agent, Set.of());
    }

    RunningType(String id, AgentClient agent, Set<String> replaceOn) {
        super(id, agent);
        this.replaceOn = Set.copyOf(replaceOn);
    }

    @Override
    public Set<String> replaceOn() {
        return replaceOn;
    }

    @Override
    public Outcome update(Desired desired, Observed current) {
        return settle(agent.put(desired.stack(), desired.name(), request(desired)));
    }

    @Override
    public Outcome start(Observed current) {
        return settle(agent.setRunning(current.stack(), current.name(), true));
    }

    @Override
    public Outcome stop(Observed current) {
        return settle(agent.setRunning(current.stack(), current.name(), false));
    }
}
