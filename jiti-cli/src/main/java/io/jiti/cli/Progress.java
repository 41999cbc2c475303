package io.jiti.cli;

import io.jiti.engine.ApplyListener;
import io.jiti.engine.ParticleResult;
import io.jiti.plan.Action;
import io.jiti.plan.Plan;

/** Live progress: a line when work on a particle starts, moves on and ends, each with the elapsed time. */
final class Progress implements ApplyListener {
    private final Terminal t;
    private final long start = System.nanoTime();

    Progress(Terminal t) {
        this.t = t;
    }

    private String at() {
        return t.dim("[" + Columns.right(seconds((System.nanoTime() - start) / 1_000_000), 5) + "s]");
    }

    @Override
    public void waitingForLock(String holder) {
        t.line(at() + " stack is locked by " + holder + "; waiting for it to finish");
    }

    @Override
    public void planned(Plan plan) {
        t.line(at() + " " + PlanView.summary(plan.summary()));
    }

    @Override
    public void started(String particle, Action action) {
        t.line(at() + " " + PlanView.paint(t, action, PlanView.symbol(action) + " " + particle) + ": " + verb(action)
                + "...");
    }

    @Override
    public void progress(String particle, String message) {
        t.line(at() + "   " + particle + ": " + message);
    }

    @Override
    public void finished(ParticleResult r) {
        if (r instanceof ParticleResult.Succeeded s) {
            t.line(at() + " " + t.green((t.color() ? "\u2713 " : "ok ") + s.particle()) + ": " + past(s.action())
                    + " in " + seconds(s.took().toMillis()) + "s");
        } else if (r instanceof ParticleResult.Failed f) {
            t.line(at() + " " + t.red((t.color() ? "\u2717 " : "FAILED ") + f.particle()) + ": " + f.action().word()
                    + " failed: " + f.message());
        } else if (r instanceof ParticleResult.Skipped k) {
            t.line(at() + " " + t.yellow("skipped " + k.particle()) + ": " + k.reason());
        }
    }

    /** Milliseconds as seconds with one decimal ("12.3"), without a Formatter: one per line cost the CLI time. */
    static String seconds(long millis) {
        long tenths = (Math.max(0, millis) + 50) / 100;
        return tenths / 10 + "." + tenths % 10;
    }

    private static String verb(Action a) {
        switch (a) {
            case CREATE:
                return "creating";
            case UPDATE:
                return "updating";
            case REPLACE:
                return "replacing";
            case DELETE:
                return "deleting";
            case START:
                return "starting";
            case STOP:
                return "stopping";
            default:
                return "checking";
        }
    }

    private static String past(Action a) {
        return a == Action.STOP ? "stopped" : a.word().replaceAll("e$", "") + "ed";
    }
}
