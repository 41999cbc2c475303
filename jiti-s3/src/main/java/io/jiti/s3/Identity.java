package io.jiti.s3;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.Map;

/**
 * How the agent knows the process on a port is this bucket's server before it sends it anything secret:
 * the server binds a port of its own choosing and writes it to the file the agent named
 * ({@code JITI_S3_PORT_FILE}), and answers a request carrying {@code X-Jiti-Challenge: NONCE} (unsigned,
 * with nothing secret in it) with {@code X-Jiti-Proof: HMAC-SHA256(key, NONCE)} in hex, the key being the
 * one the agent gave it for this start ({@code JITI_S3_PROOF_KEY}). A process that merely holds the port
 * cannot answer.
 *
 * @param proofKey the per-start key, or null when the server was started without one
 * @param portFile where to write the bound port, or null
 */
public record Identity(String proofKey, Path portFile) {
    /** The request header of a challenge. */
    public static final String CHALLENGE = "x-jiti-challenge";
    /** The response header of the proof. */
    public static final String PROOF = "x-jiti-proof";

    /** From {@code JITI_S3_PROOF_KEY} and {@code JITI_S3_PORT_FILE}, each optional. */
    public static Identity fromEnvironment(Map<String, String> env) {
        String file = env.get("JITI_S3_PORT_FILE");
        return new Identity(env.get("JITI_S3_PROOF_KEY"), file == null || file.isBlank() ? null : Path.of(file));
    }

    /** No proof, no port file (tests, benchmarks). */
    public static Identity none() {
        return new Identity(null, null);
    }

    /** The proof of {@code challenge} with {@code key}, in lower-case hex. */
    public static String proof(String key, String challenge) {
        return HexFormat.of().formatHex(SigV4Verifier.hmac(key.getBytes(StandardCharsets.UTF_8), challenge));
    }

    /** Writes the bound port durably (a sibling renamed over the file, then synced). */
    void announce(int port) throws IOException {
        if (portFile == null) {
            return;
        }
        Path tmp = portFile.resolveSibling(portFile.getFileName() + ".tmp");
        Files.writeString(tmp, Integer.toString(port), StandardCharsets.US_ASCII);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(tmp, portFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public String toString() {
        return "Identity[(proof key), " + portFile + "]";
    }
}
