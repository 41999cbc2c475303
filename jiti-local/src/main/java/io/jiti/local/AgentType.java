package io.jiti.local;

import io.jiti.api.DesiredState;
import io.jiti.spi.Creator;
import io.jiti.spi.Deleter;
import io.jiti.spi.Desired;
import io.jiti.spi.LogSource;
import io.jiti.spi.Observed;
import io.jiti.spi.Outcome;
import io.jiti.spi.ParticleType;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** A type the agent runs: create, read, delete and logs go to its control API. */
class AgentType implements ParticleType, Creator, Deleter, LogSource, io.jiti.spi.ProcessEnvironment {
    private final String id;
    protected final AgentClient agent;

    AgentType(String id, AgentClient agent) {
        this.id = id;
        this.agent = agent;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public List<Observed> list(String stack) {
        return agent.list(stack, id);
    }

    @Override
    public Optional<Observed> read(String stack, String name) {
        return agent.read(stack, name).filter(o -> o.type().equals(id));
    }

    @Override
    public Outcome create(Desired d) {
        return settle(agent.put(d.stack(), d.name(), request(d)));
    }

    @Override
    public Outcome delete(Observed current) {
        agent.delete(current.stack(), current.name());
        return Outcome.done();
    }

    @Override
    public void logs(String stack, String name, boolean follow, Lines which, Consumer<String> sink) {
        agent.logs(stack, name, follow, which.word(), sink);
    }

    @Override
    public java.util.Map<String, String> processEnvironment(String stack, String name) {
        return agent.oneOffEnvironment(stack, name);
    }

    static Outcome settle(Observed now) {
        return now.status().inProgress() ? Outcome.inProgress() : Outcome.done(now);
    }

    static ParticleRequest request(Desired d) {
        Object workdir = d.spec().getOrDefault("workdir", d.spec().getOrDefault("build", "."));
        Path dir = d.baseDir().resolve(String.valueOf(workdir)).normalize();
        return new ParticleRequest(d.type(), d.spec(), d.specHash(), d.state() == DesiredState.RUNNING, d.protect(),
                d.dependsOn(), dir.toString());
    }
}
