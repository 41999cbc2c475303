package io.jiti.platform.deploy;

import io.jiti.engine.ApplyListener;
import io.jiti.engine.ParticleResult;
import io.jiti.plan.Action;
import io.jiti.platform.store.Store;
import java.time.Clock;
import java.time.format.DateTimeFormatter;

/** What apply does, as lines of a deployment's log in the store (readable while it runs). */
final class DeploymentLog implements ApplyListener {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_INSTANT;
    private final Store store;
    private final long id;
    private final Clock clock;

    DeploymentLog(Store store, long id, Clock clock) {
        this.store = store;
        this.id = id;
        this.clock = clock;
    }

    void line(String text) {
        store.appendLog(id, TIME.format(clock.instant()) + " " + text + "\n");
    }

    @Override
    public void waitingForLock(String holder) {
        line("waiting for the stack's lock (held by " + holder + ")");
    }

    @Override
    public void started(String particle, Action action) {
        line(action.word() + " " + particle + " ...");
    }

    @Override
    public void progress(String particle, String message) {
        line(particle + ": " + message);
    }

    @Override
    public void finished(ParticleResult result) {
        String how = result instanceof ParticleResult.Failed f ? "failed: " + f.message()
                : result instanceof ParticleResult.Skipped s ? "skipped: " + s.reason() : "done";
        line(result.action().word() + " " + result.particle() + " " + how);
    }
}
