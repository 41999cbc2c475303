/**
 * The web console: server-rendered pages under {@code /console} over the same domain calls as the API,
 * a token sign-in to an in-memory session cookie, CSRF tokens on every form, charts and pictures drawn as
 * inline SVG.
 */
package io.jiti.server.console;
