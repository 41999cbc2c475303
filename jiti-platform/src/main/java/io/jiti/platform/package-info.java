/** The platform's domain services: templates, environments, services, identity, entitlements, deployments, audit. */
package io.jiti.platform;
