package io.jiti.local.agent;

import io.jiti.api.JitiException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free loopback ports. */
final class Ports {
    private Ports() {
    }

    /** A port nothing listens on right now. */
    static int free() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new JitiException("no free port on loopback", e);
        }
    }
}
