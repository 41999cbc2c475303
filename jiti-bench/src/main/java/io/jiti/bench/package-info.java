/** Benchmarks of the engine; each prints {@code name: value unit} lines. */
package io.jiti.bench;
