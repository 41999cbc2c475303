package io.jiti.embed;

import io.jiti.api.JitiException;
import io.jiti.api.Stack;
import io.jiti.engine.ApplyListener;
import io.jiti.engine.ApplyOptions;
import io.jiti.engine.ApplyReport;
import io.jiti.engine.Reconciler;
import io.jiti.load.StackLoader;
import io.jiti.plan.Plan;
import io.jiti.spi.Provider;
import io.jiti.spi.ProviderContext;
import io.jiti.spi.Providers;

/**
 * Provisions stacks from a running JVM: the same engine as the CLI, for applications that bring up
 * their own infrastructure at start-up.
 *
 * <pre>{@code
 * Stack stack = Stack.named("shop")
 *     .particle(Particle.of("web", "service").spec("command", "java Web.java").spec("instances", 2))
 *     .build();
 * try (Jiti jiti = Jiti.connect("local")) {
 *     ApplyReport report = jiti.up(stack);
 *     String url = (String) report.output("web", "url");
 * }
 * }</pre>
 */
public final class Jiti implements AutoCloseable {
    private final Provider provider;
    private final ApplyListener listener;

    private Jiti(Provider provider, ApplyListener listener) {
        this.provider = provider;
        this.listener = listener;
    }

    /** Connects to a provider found on the class path ({@code local}, ...), configured from the environment. */
    public static Jiti connect(String providerId) {
        return new Jiti(Providers.create(providerId, ProviderContext.fromEnvironment()), ApplyListener.none());
    }

    /** Uses a provider made elsewhere (tests, embedding). The provider is closed with this object. */
    public static Jiti using(Provider provider) {
        return new Jiti(provider, ApplyListener.none());
    }

    /** The same, telling {@code listener} what apply does. */
    public Jiti listening(ApplyListener value) {
        return new Jiti(provider, value);
    }

    /** What {@link #up} would do. */
    public Plan plan(Stack stack) {
        return reconciler(false).plan(StackLoader.builtIn().check(stack));
    }

    /**
     * Validates, plans and applies; returns the report with every particle's outputs. Throws
     * {@link JitiException} when some particle did not converge.
     */
    public ApplyReport up(Stack stack) {
        ApplyReport report = reconciler(false).apply(StackLoader.builtIn().check(stack));
        if (!report.ok()) {
            throw new JitiException("stack " + stack.name() + " did not converge: " + report.problems());
        }
        return report;
    }

    /** Deletes everything the stack owns. */
    public ApplyReport down(String stackName, boolean force) {
        return reconciler(force).destroy(stackName);
    }

    private Reconciler reconciler(boolean force) {
        return new Reconciler(provider, listener, ApplyOptions.defaults().withForce(force));
    }

    @Override
    public void close() {
        provider.close();
    }
}
