/** The platform server: the REST edge over jiti-platform's domain. */
package io.jiti.server;
