/**
 * The {@code kubernetes} provider: portable particles as Kubernetes objects, applied server-side, owned by
 * labels, with a Lease as the stack lock; and their manifests for {@code jiti export}.
 */
package io.jiti.kubernetes;
