package io.jiti.local.agent;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The agent's optional idle exit: with {@code JITI_AGENT_IDLE_EXIT=SECONDS} in the environment of the command
 * that starts it, an agent that holds no particle and has had no request for that long stops as if asked
 * to (its watchdog ends with it); the next command that needs one starts it again. Off by default: an
 * agent that runs nothing costs only memory.
 */
final class IdleExit {
    /** The setting. */
    static final String VARIABLE = "JITI_AGENT_IDLE_EXIT";

    private IdleExit() {
    }

    /** The idle time after which an empty agent stops, or null when the setting is unset, 0 or not a number. */
    static Duration limit(String value) {
        if (value == null || !value.matches("\\d{1,9}") || Long.parseLong(value) == 0) {
            return null;
        }
        return Duration.ofSeconds(Long.parseLong(value));
    }

    /** Checks once a second whether {@code agent} holds nothing and {@code api} is idle; then opens {@code stop}. */
    static void watch(Agent agent, ControlApi api, CountDownLatch stop, Consumer<String> log) {
        Duration limit = limit(System.getenv(VARIABLE));
        if (limit == null) {
            return;
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "agent-idle-exit");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            if (agent.holdsNothing() && api.sinceLastRequest().compareTo(limit) >= 0) {
                log.accept("no particle and no request for " + limit.toSeconds() + "s (" + VARIABLE + "): stopping");
                stop.countDown();
                timer.shutdown();
            }
        }, 1, 1, TimeUnit.SECONDS);
    }
}
