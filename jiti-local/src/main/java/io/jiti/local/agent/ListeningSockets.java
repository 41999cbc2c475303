package io.jiti.local.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The TCP ports a process group listens on, as Linux tells it: the socket inodes in {@code /proc/PID/fd} of
 * every process whose process group is the instance's (an instance is the leader of its own group), matched
 * against the listening sockets of {@code /proc/net/tcp} and {@code tcp6}. What an app really bound, for
 * telling a user whose app ignores {@code $PORT} or listens on every interface.
 */
final class ListeningSockets {
    private static final String LISTEN = "0A";

    private ListeningSockets() {
    }

    /** Each port the group of {@code leader} listens on, and whether on every interface (0.0.0.0 or ::). */
    static Map<Integer, Boolean> of(long leader) {
        Set<String> inodes = socketInodes(leader);
        Map<Integer, Boolean> ports = new TreeMap<>();
        if (inodes.isEmpty()) {
            return ports;
        }
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines;
            try {
                lines = Files.readAllLines(Path.of(table), StandardCharsets.US_ASCII);
            } catch (IOException e) {
                continue; // no IPv6, say
            }
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (f.length < 10 || !f[3].equals(LISTEN) || !inodes.contains(f[9])) {
                    continue;
                }
                int colon = f[1].indexOf(':');
                if (colon < 0) {
                    continue;
                }
                int port = Integer.parseInt(f[1].substring(colon + 1), 16);
                boolean wildcard = f[1].substring(0, colon).chars().allMatch(c -> c == '0');
                ports.merge(port, wildcard, Boolean::logicalOr);
            }
        }
        return ports;
    }

    /** The inodes of the sockets open in the processes of {@code leader}'s process group. */
    private static Set<String> socketInodes(long leader) {
        Set<String> inodes = new HashSet<>();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> isPid(p.getFileName().toString()))) {
            for (Path proc : procs) {
                if (processGroup(proc) != leader) {
                    continue;
                }
                try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
                    for (Path fd : fds) {
                        String target = readLink(fd);
                        if (target.startsWith("socket:[") && target.endsWith("]")) {
                            inodes.add(target.substring(8, target.length() - 1));
                        }
                    }
                } catch (IOException e) {
                    // the process ended, or is not ours
                }
            }
        } catch (IOException e) {
            return inodes;
        }
        return inodes;
    }

    /** The process group of a {@code /proc/PID} entry ({@code stat}'s fifth field), or -1. */
    private static long processGroup(Path proc) {
        try {
            String stat = Files.readString(proc.resolve("stat"), StandardCharsets.US_ASCII);
            String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" "); // the name may hold anything
            return after.length > 2 ? Long.parseLong(after[2]) : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static String readLink(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (IOException e) {
            return "";
        }
    }

    private static boolean isPid(String name) {
        return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
    }
}
