package io.jiti.local;

import io.jiti.spi.Desired;
import io.jiti.spi.Observed;
import io.jiti.spi.Outcome;
import io.jiti.spi.Startable;
import io.jiti.spi.Stoppable;
import io.jiti.spi.Updater;

/** A type whose particles the agent keeps running: updated in place through the agent, started, stopped. */
class RunningType extends AgentType implements Updater, Startable, Stoppable {

    RunningType(String id, AgentClient agent) {
        super(id, agent);
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
