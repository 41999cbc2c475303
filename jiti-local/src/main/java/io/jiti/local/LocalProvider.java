package io.jiti.local;

import io.jiti.local.agent.LocalTypes;
import io.jiti.spi.ParticleType;
import io.jiti.spi.Provider;
import io.jiti.spi.StackLock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The embedded default provider: particles run on this machine, by the jiti agent of a {@code JITI_HOME}
 * (started on demand). Its types are those of {@link LocalTypes#TABLE}.
 */
public final class LocalProvider implements Provider, io.jiti.spi.CertificateAuthority, io.jiti.spi.AgentControl {
    private final Home home;
    private final AgentClient agent;
    private final Map<String, ParticleType> types = new LinkedHashMap<>();
    private final Duration timeout;

    /**
     * @param home    the jiti home
     * @param timeout how long one operation may take, such as waiting for a service's instances to be healthy
     */
    public LocalProvider(Path home, Duration timeout) {
        this(home, timeout, System.getenv());
    }

    /**
     * @param home    the jiti home
     * @param timeout how long one operation may take
     * @param env     the environment a secret's {@code fromEnv} reads (the caller's, or one a deployment made)
     */
    public LocalProvider(Path home, Duration timeout, Map<String, String> env) {
        this.home = new Home(home.toAbsolutePath());
        this.agent = new AgentClient(this.home);
        this.timeout = timeout;
        for (LocalTypes.Row row : LocalTypes.TABLE) {
            types.put(row.id(), switch (row.client()) {
                case SERVICE -> new ServiceType(agent);
                case JOB -> new AgentType(row.id(), agent);
                case FILE -> new FileType(agent);
                case SECRET -> new SecretType(agent, env);
                case SERVER -> new RunningType(row.id(), agent, row.replaceOn());
            });
        }
    }

    @Override
    public String id() {
        return "local";
    }

    @Override
    public Map<String, ParticleType> types() {
        return types;
    }

    @Override
    public String certificatePem() {
        return agent.caCertificate();
    }

    @Override
    public String rotateCertificateAuthority() {
        return agent.rotateCa();
    }

    @Override
    public java.util.Optional<AgentState> agentState() {
        return agent.running().map(this::state);
    }

    @Override
    public java.util.Optional<AgentState> stopAgent(boolean everything) {
        java.util.Optional<AgentInfo> running = agent.running();
        running.ifPresent(info -> agent.stop(info, timeout, everything));
        return running.map(this::state);
    }

    private AgentState state(AgentInfo info) {
        return new AgentState(info.pid(), info.startedAt(), info.watchdog(), home.agentSocket().toString());
    }

    /** One call to the agent for the whole stack. */
    @Override
    public java.util.Optional<java.util.List<io.jiti.spi.Observed>> listAll(String stack) {
        return java.util.Optional.of(agent.list(stack, null));
    }

    @Override
    public StackLock lock(String stack, Consumer<String> onWait) {
        return FileStackLock.acquire(home.locks(), stack, onWait);
    }

    @Override
    public int maxConcurrency() {
        return 32;
    }

    @Override
    public Duration operationTimeout() {
        return timeout;
    }

    /** The agent client, for status and tests. */
    public AgentClient agent() {
        return agent;
    }

    /** The home layout. */
    public Home home() {
        return home;
    }
}
