package io.jiti.local;

import io.jiti.spi.Desired;
import io.jiti.spi.Observed;
import io.jiti.spi.Outcome;
import io.jiti.spi.Startable;
import io.jiti.spi.Stoppable;
import io.jiti.spi.Updater;
import java.util.Set;

/**
 * {@code postgres} on the agent: a real PostgreSQL server. Stopping keeps the data; databases are added in
 * place; a different major {@code version} needs a new cluster, so it is a replace (which loses the data,
 * and which protection refuses without {@code --force}).
 */
final class PostgresType extends AgentType implements Updater, Startable, Stoppable {

    PostgresType(AgentClient agent) {
        super("postgres", agent);
    }

    @Override
    public Outcome update(Desired desired, Observed current) {
        return settle(agent.put(desired.stack(), desired.name(), request(desired)));
    }

    @Override
    public Set<String> replaceOn() {
        return Set.of("version");
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
