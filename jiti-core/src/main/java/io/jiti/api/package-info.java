/**
 * What users of jiti touch: the particle model ({@link io.jiti.api.Particle}, {@link io.jiti.api.Stack}),
 * the Java entry point {@link io.jiti.api.Jiti} that provisions a stack from a running JVM, and the
 * single unchecked root exception {@link io.jiti.api.JitiException}.
 */
package io.jiti.api;
