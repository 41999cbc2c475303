/**
 * The Java entry point {@link io.jiti.embed.Jiti}: provisions a stack from a running JVM with the same
 * engine as the CLI. It sits above {@code api}, {@code load}, {@code engine} and {@code spi}, so that the
 * model users touch ({@code io.jiti.api}) depends on none of them.
 */
package io.jiti.embed;
