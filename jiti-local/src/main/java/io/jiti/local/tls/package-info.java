/** The home's certificate authority and the certificates jiti serves HTTPS and TLS with on loopback. */
package io.jiti.local.tls;
