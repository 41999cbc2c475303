/**
 * Loading and checking stacks: {@link io.jiti.load.StackLoader} reads {@code jiti.yaml} keeping every
 * node's line and column, {@link io.jiti.load.StackValidator} checks structure, per-type JSON Schemas,
 * references and cycles and reports all problems at once, and {@link io.jiti.load.TypeCatalog} knows
 * the types with their schemas and outputs.
 */
package io.jiti.load;
