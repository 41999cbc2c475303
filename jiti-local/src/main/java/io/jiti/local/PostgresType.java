package io.jiti.local;

import java.util.Set;

/**
 * {@code postgres} on the agent: a real PostgreSQL server. Stopping keeps the data; databases are added in
 * place; a different major {@code version} needs a new cluster, so it is a replace (which loses the data,
 * and which protection refuses without {@code --force}).
 */
final class PostgresType extends RunningType {

    PostgresType(AgentClient agent) {
        super("postgres", agent);
    }

    @Override
    public Set<String> replaceOn() {
        return Set.of("version");
    }
}
