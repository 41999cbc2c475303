package io.jiti.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BalancerTest {
    private final Balancer balancer = new Balancer(ProxyConfig.defaults("t", 0));

    private Upstream byId(String id) {
        return balancer.rotation().stream().filter(u -> u.backend.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void picksTheLeastLoaded() {
        balancer.update(List.of(new Backend("a", 1), new Backend("b", 2), new Backend("c", 3)));
        byId("a").outstanding.set(5);
        byId("b").outstanding.set(1);
        byId("c").outstanding.set(3);
        assertThat(balancer.choose(Set.of()).backend.id()).isEqualTo("b");
        assertThat(balancer.choose(Set.of(byId("b"))).backend.id()).isEqualTo("c");
    }

    @Test
    void ejectsAfterConsecutiveFailuresButNeverMoreThanHalf() {
        balancer.update(List.of(new Backend("a", 1), new Backend("b", 2), new Backend("c", 3), new Backend("d", 4)));
        for (String id : List.of("a", "b", "c")) {
            for (int i = 0; i < 3; i++) {
                balancer.failed(byId(id));
            }
        }
        long now = System.nanoTime();
        assertThat(balancer.rotation().stream().filter(u -> u.ejected(now)).map(u -> u.backend.id()))
                .containsExactly("a", "b");
        for (int i = 0; i < 20; i++) {
            assertThat(balancer.choose(Set.of()).backend.id()).isIn("c", "d");
        }
    }

    @Test
    void aSuccessResetsTheCount() {
        balancer.update(List.of(new Backend("a", 1), new Backend("b", 2)));
        balancer.failed(byId("a"));
        balancer.failed(byId("a"));
        balancer.succeeded(byId("a"));
        balancer.failed(byId("a"));
        assertThat(byId("a").ejected(System.nanoTime())).isFalse();
    }

    @Test
    void failsOpenWhenEveryCandidateIsEjected() {
        Balancer one = new Balancer(new ProxyConfig("t", 0, Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(1), 10, 2, 1, Duration.ofMinutes(1), 1));
        one.update(List.of(new Backend("only", 1)));
        one.failed(one.rotation().get(0));
        assertThat(one.choose(Set.of()).backend.id()).isEqualTo("only");
    }

    @Test
    void keepsStateForBackendsThatStay() {
        balancer.update(List.of(new Backend("a", 1)));
        byId("a").outstanding.set(2);
        balancer.update(List.of(new Backend("a", 1), new Backend("b", 2)));
        assertThat(balancer.outstanding("a")).isEqualTo(2);
        Upstream a = byId("a");
        balancer.update(List.of(new Backend("b", 2)));
        // out of rotation, but its requests still count until they end: the agent drains on this figure
        assertThat(balancer.outstanding("a")).isEqualTo(2);
        a.outstanding.set(0);
        assertThat(balancer.outstanding("a")).isZero();
        assertThat(balancer.outstanding("never-seen")).isZero();
    }
}
