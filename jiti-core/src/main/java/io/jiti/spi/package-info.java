/**
 * The provider SPI: what a place where particles become real (local, Kubernetes, AWS) implements.
 *
 * <p>A {@link io.jiti.spi.Provider} offers one {@link io.jiti.spi.ParticleType} per type id. Each type
 * lists and reads what a stack owns and adds capabilities by implementing small interfaces:
 * {@link io.jiti.spi.Creator}, {@link io.jiti.spi.Updater}, {@link io.jiti.spi.Deleter},
 * {@link io.jiti.spi.Startable}, {@link io.jiti.spi.Stoppable}, {@link io.jiti.spi.LogSource}. A type
 * that cannot update in place simply does not implement {@code Updater}: every change replaces it.
 * Slow operations return {@link io.jiti.spi.Outcome.InProgress}; the engine then polls
 * {@link io.jiti.spi.ParticleType#read} with backoff.
 */
package io.jiti.spi;
