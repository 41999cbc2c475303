/**
 * The jiti agent: one process per {@code JITI_HOME} that runs what local stacks ask for. It keeps its own
 * records (the "cloud's" state), supervises processes started in their own sessions, runs one load
 * balancer per service, checks health, restarts what dies, and re-adopts live processes after a restart.
 */
package io.jiti.local.agent;
