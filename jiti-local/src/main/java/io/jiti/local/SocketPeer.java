package io.jiti.local;

import io.jiti.api.JitiException;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import jdk.net.ExtendedSocketOptions;

/**
 * Who is at the other end of a connected Unix domain socket, as the kernel says ({@code SO_PEERCRED}): the
 * home's sockets serve and steer only processes of the user the JVM runs as.
 */
public final class SocketPeer {
    private SocketPeer() {
    }

    /** Whether the peer runs as the user this JVM runs as. */
    public static boolean sameUser(SocketChannel ch) throws IOException {
        return user(ch).equals(System.getProperty("user.name"));
    }

    /** Refuses (with a {@link JitiException} naming both users) a {@code socket} served by another user. */
    public static void requireSameUser(SocketChannel ch, Path socket) throws IOException {
        String peer = user(ch);
        String me = System.getProperty("user.name");
        if (!peer.equals(me)) {
            throw new JitiException(socket + " is served by user " + peer + ", not by " + me
                    + "; refusing to talk to it");
        }
    }

    private static String user(SocketChannel ch) throws IOException {
        return ch.getOption(ExtendedSocketOptions.SO_PEERCRED).user().getName();
    }
}
