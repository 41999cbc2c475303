/**
 * An environment's configuration in a repository: {@code config/ENV.yaml} encrypted for the recipients in
 * {@code .jiti/recipients/ENV} ({@link io.jiti.sops.config.EnvConfig}).
 */
package io.jiti.sops.config;
