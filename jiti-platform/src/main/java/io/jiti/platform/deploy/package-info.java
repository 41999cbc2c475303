/** Running deployments: stacks built from templates, the worker pool, the runner over the core Reconciler. */
package io.jiti.platform.deploy;
