/**
 * What users of jiti touch: the particle model ({@link io.jiti.api.Particle}, {@link io.jiti.api.Stack}) and
 * the single unchecked root exception {@link io.jiti.api.JitiException}. It depends on no other package of
 * jiti (the Java entry point that provisions a stack is {@code io.jiti.embed.Jiti}).
 */
package io.jiti.api;
