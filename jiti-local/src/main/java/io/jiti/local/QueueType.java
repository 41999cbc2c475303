package io.jiti.local;

import java.util.Set;

/**
 * {@code queue} on the agent: an SQS endpoint of its own. Stopping keeps the messages; a change of
 * {@code fifo} makes a different queue, so it is a replace (which loses the messages, and which protection
 * refuses without {@code --force}).
 */
final class QueueType extends RunningType {

    QueueType(AgentClient agent) {
        super("queue", agent);
    }

    @Override
    public Set<String> replaceOn() {
        return Set.of("fifo");
    }
}
