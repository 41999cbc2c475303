package io.jiti.local;

import io.jiti.local.agent.Live;
import io.jiti.spi.Instance;
import io.jiti.spi.Observed;

/** Turns the agent's wire type ({@link Live}) into the provider SPI's observation. */
final class AgentWire {
    private AgentWire() {
    }

    static Observed observed(Live l) {
        return new Observed(l.stack(), l.name(), l.type(), l.specHash(), l.spec(), l.running(),
                Observed.Status.valueOf(l.status().name()), l.message(), l.outputs(), l.protect(), l.dependsOn(),
                l.instances().stream().map(i -> new Instance(i.id(), i.pid(), i.port(), i.healthy())).toList(),
                l.events(), l.metrics());
    }
}
