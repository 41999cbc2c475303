package io.jiti.engine;

import io.jiti.plan.Action;
import io.jiti.plan.Plan;

/** Hears what apply does, for live progress. Called from worker threads; implementations are thread-safe. */
public interface ApplyListener {

    /** The lock is held by someone else; apply waits for it. */
    default void waitingForLock(String holder) {
    }

    /** The plan apply is about to carry out. */
    default void planned(Plan plan) {
    }

    /** Work on a particle began. */
    default void started(String particle, Action action) {
    }

    /** A step of a slow operation, such as "2/3 instances ready". */
    default void progress(String particle, String message) {
    }

    /** Work on a particle ended. */
    default void finished(ParticleResult result) {
    }

    /** A listener that hears nothing. */
    static ApplyListener none() {
        return new ApplyListener() {
        };
    }
}
