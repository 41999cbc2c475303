package io.jiti.local;

import io.jiti.spi.Desired;
import io.jiti.spi.Observed;
import io.jiti.spi.Outcome;
import io.jiti.spi.Updater;

/** {@code file} on the agent: rewritten in place. */
final class FileType extends AgentType implements Updater {

    FileType(AgentClient agent) {
        super("file", agent);
    }

    @Override
    public Outcome update(Desired desired, Observed current) {
        return settle(agent.put(desired.stack(), desired.name(), request(desired)));
    }
}
