package io.jiti.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jiti.platform.PlatformException.Reason;
import io.jiti.platform.deploy.Guardrail;
import io.jiti.platform.model.Deployment;
import io.jiti.platform.model.MetricSample;
import io.jiti.platform.model.MetricSeries;
import io.jiti.platform.model.Target;
import io.jiti.platform.store.Database;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sampled figures: kept for a window, read with the deployments made in it, dropped past the retention. */
class MetricsTest {
    @TempDir
    Path dir;
    PlatformFixture f;

    @BeforeEach
    void open() {
        f = new PlatformFixture(dir, Database.embedded(dir), Guardrail.none());
    }

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void aSeriesHasTheWindowsSamplesAndTheDeploymentsMadeInIt() {
        Caller dana = f.standardSetup();
        f.platform.services().create(dana, "orders", "web-api@1", "shop");
        Target orders = Target.instance("orders", "test");
        f.clock.advance(Duration.ofHours(2));
        f.database.store().insertSamples(List.of(sample(orders, 1), sample(orders, 2)));
        f.clock.advance(Duration.ofMinutes(1));
        Deployment d = f.ended(f.platform.services().createInstance(dana, "orders", "test", Map.of(), null).id());
        f.database.store().insertSamples(List.of(sample(orders, 3)));
        f.clock.advance(Duration.ofMinutes(1));

        MetricSeries hour = f.platform.metrics().series(f.admin, orders, Duration.ofHours(1));
        assertThat(hour.samples()).extracting(MetricSample::requestsPerSecond).containsExactly(1.0, 2.0, 3.0);
        assertThat(hour.deployments()).extracting(Deployment::id).containsExactly(d.id());
        assertThat(f.platform.metrics().series(f.admin, orders, Duration.ofMinutes(1)).samples())
                .extracting(MetricSample::requestsPerSecond).containsExactly(3.0);
        // the in-memory provider reports no load figures: sampling it adds nothing
        assertThat(f.platform.sampleMetrics()).isZero();
    }

    @Test
    void badWindowsAndUnknownTargetsAreRefused() {
        f.standardSetup();
        assertThatThrownBy(() -> f.platform.metrics().series(f.admin, Target.environment("test"), Duration.ofDays(2)))
                .satisfies(e -> assertThat(((PlatformException) e).reason()).isEqualTo(Reason.BAD_INPUT))
                .hasMessageContaining("window is from 1m to 24h");
        assertThatThrownBy(() -> f.platform.metrics().series(f.admin, Target.instance("nope", "test"), Duration.ofHours(1)))
                .satisfies(e -> assertThat(((PlatformException) e).reason()).isEqualTo(Reason.NOT_FOUND));
    }

    @Test
    void samplesPastTheRetentionAreDropped() {
        f.standardSetup();
        Target test = Target.environment("test");
        f.database.store().insertSamples(List.of(sample(test, 1)));
        f.clock.advance(Duration.ofHours(25));
        f.platform.sampleMetrics();
        assertThat(f.database.store().samples(test, f.clock.instant().minus(Duration.ofDays(3)), 10)).isEmpty();
    }

    /** A sample taken now (its figure told apart by {@code rps}, its time by it too). */
    private MetricSample sample(Target t, double rps) {
        return new MetricSample(t, f.clock.instant().plusMillis((long) rps), rps, 12.5, 0, 2);
    }
}
