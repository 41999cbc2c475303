/**
 * Plans: the difference between a stack's desired particles and what a provider really holds, as
 * ordered {@link io.jiti.plan.Change}s with a reason and a field-level diff each (sensitive values masked).
 */
package io.jiti.plan;
