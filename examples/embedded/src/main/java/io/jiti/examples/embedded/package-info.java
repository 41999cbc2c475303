/** An application that brings up its own infrastructure when it starts (just-in-time infrastructure). */
package io.jiti.examples.embedded;
