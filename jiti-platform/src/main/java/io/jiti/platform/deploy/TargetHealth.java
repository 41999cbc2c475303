package io.jiti.platform.deploy;

import io.jiti.engine.ApplyListener;
import io.jiti.engine.ApplyOptions;
import io.jiti.engine.Reconciler;
import io.jiti.platform.model.Environment;
import io.jiti.platform.model.Target;
import io.jiti.spi.Observed;
import io.jiti.spi.Provider;
import java.util.Optional;

/**
 * Whether a deployed target is healthy, as its provider sees it now: every particle of its stack ready, and
 * no service answering more than half of its requests with errors.
 */
public final class TargetHealth {
    /** The error rate above which a service counts as unhealthy (when it serves requests at all). */
    public static final double MAX_ERROR_RATE = 0.5;
    private final ProviderSource providers;

    public TargetHealth(ProviderSource providers) {
        this.providers = providers;
    }

    /** Why {@code target} (in {@code environment}) is not healthy; empty when it is. */
    public Optional<String> problem(Target target, Environment environment) {
        try (Provider p = providers.open(environment.provider())) {
            for (Observed o : new Reconciler(p, ApplyListener.none(), ApplyOptions.defaults())
                    .observe(target.stack()).values()) {
                if (o.status() != Observed.Status.READY) {
                    return Optional.of(o.name() + " is " + o.status().word() + (o.message().isEmpty() ? ""
                            : ": " + o.message()));
                }
                double rps = number(o.metrics().get("requestsPerSecond"));
                double errors = number(o.metrics().get("errorRate"));
                if (rps > 0 && errors > MAX_ERROR_RATE) {
                    return Optional.of(o.name() + " answers " + Math.round(errors * 100) + "% of its requests with errors");
                }
            }
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of("cannot read its health: " + e.getMessage());
        }
    }

    private static double number(Object v) {
        return v instanceof Number n ? n.doubleValue() : 0;
    }
}
