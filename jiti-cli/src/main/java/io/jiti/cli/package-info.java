/**
 * The {@code jiti} command line: {@code validate}, {@code plan}, {@code up}, {@code status}, {@code down},
 * {@code logs}, {@code graph} and {@code schema}. A thin layer: each command loads the stack, makes the
 * provider the stack names and calls the engine; errors become exit codes here and nowhere else.
 */
package io.jiti.cli;
