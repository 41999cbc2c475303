/**
 * The reconciler: takes the stack lock, observes what the provider holds, plans, and applies the plan
 * over the dependency graph with bounded parallelism, timeouts, retries with backoff and per-particle
 * failure reports.
 */
package io.jiti.engine;
