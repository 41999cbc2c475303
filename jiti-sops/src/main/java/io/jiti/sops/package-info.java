/**
 * The SOPS file format with age recipients: {@link io.jiti.sops.SopsFile} (the form),
 * {@link io.jiti.sops.Sops} (decrypt, MAC check, encrypt), {@link io.jiti.sops.Age} (keys and data-key
 * wrapping), {@link io.jiti.sops.Identities} (where identities come from).
 */
package io.jiti.sops;
