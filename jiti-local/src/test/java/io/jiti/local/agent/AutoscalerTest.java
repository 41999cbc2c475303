package io.jiti.local.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AutoscalerTest {
    private final Autoscaler inflight = new Autoscaler(1, 8, Autoscaler.Metric.INFLIGHT, 2, 60_000);

    @Test
    void scalesOutAtOnceToCoverTheLoad() {
        assertThat(inflight.decide(0, 1, 8)).isEqualTo(4);
        assertThat(inflight.decide(1000, 4, 40)).isEqualTo(8);
    }

    @Test
    void staysWithinTheTolerance() {
        assertThat(inflight.decide(0, 4, 8.7)).isEqualTo(4);
        assertThat(inflight.decide(1000, 4, 7.3)).isEqualTo(4);
    }

    @Test
    void scalesInOnlyAfterTheStabilizationWindow() {
        assertThat(inflight.decide(0, 1, 8)).isEqualTo(4);
        assertThat(inflight.decide(30_000, 4, 0)).isEqualTo(4);
        assertThat(inflight.decide(59_000, 4, 0)).isEqualTo(4);
        assertThat(inflight.decide(61_000, 4, 0)).isEqualTo(1);
    }

    @Test
    void neverLeavesTheBounds() {
        assertThat(inflight.decide(0, 1, 1000)).isEqualTo(8);
        Autoscaler two = new Autoscaler(2, 4, Autoscaler.Metric.RPS, 100, 0);
        assertThat(two.decide(0, 2, 0)).isEqualTo(2);
    }

    @Test
    void readsTheSpec() {
        Autoscaler a = Autoscaler.of(Map.of("autoscale", Map.of("min", 2, "max", 5, "target", Map.of("cpu", 50),
                "stabilization", 10)));
        assertThat(a.metric()).isEqualTo(Autoscaler.Metric.CPU);
        assertThat(a.min()).isEqualTo(2);
        assertThat(Autoscaler.of(Map.of("command", "x"))).isNull();
    }
}
