/**
 * The local provider, the embedded default: {@link io.jiti.local.LocalProvider} talks to the jiti agent
 * of a {@code JITI_HOME} (starting it on demand) as the engine would talk to a cloud API.
 */
package io.jiti.local;
