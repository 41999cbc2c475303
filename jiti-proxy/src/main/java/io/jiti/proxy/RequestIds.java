package io.jiti.proxy;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids: 128 random bits as 32 hex digits. Not for secrets; unique enough to trace a request, and
 * made without a system call ({@link java.util.UUID#randomUUID()} reads the OS entropy source each time).
 */
final class RequestIds {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private RequestIds() {
    }

    static String next() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        char[] out = new char[32];
        long a = r.nextLong();
        long b = r.nextLong();
        for (int i = 0; i < 16; i++) {
            out[i] = HEX[(int) (a >>> (60 - 4 * i)) & 0xf];
            out[16 + i] = HEX[(int) (b >>> (60 - 4 * i)) & 0xf];
        }
        return new String(out);
    }
}
