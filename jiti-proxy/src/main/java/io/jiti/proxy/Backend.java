package io.jiti.proxy;

/**
 * An instance the proxy may send requests to.
 *
 * @param id   a stable id, such as the instance id
 * @param port its port on 127.0.0.1
 */
public record Backend(String id, int port) {
}
