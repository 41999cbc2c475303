package io.jiti.s3;

/**
 * One byte range of an object ({@code Range: bytes=FIRST-LAST}, {@code bytes=FIRST-} or
 * {@code bytes=-SUFFIX}), clamped to its size.
 *
 * @param first the first byte
 * @param last  the last byte (inclusive)
 */
record ByteRange(long first, long last) {

    long length() {
        return last - first + 1;
    }

    /**
     * The range a {@code Range} header asks for in an object of {@code size} bytes; null for the whole
     * object (no header, a form S3 ignores, or an empty object). S3's InvalidRange when it starts past the end.
     */
    static ByteRange parse(String header, long size) {
        if (header == null || !header.startsWith("bytes=") || header.contains(",") || size == 0) {
            return null;
        }
        String spec = header.substring("bytes=".length()).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        try {
            String a = spec.substring(0, dash).trim();
            String b = spec.substring(dash + 1).trim();
            if (a.isEmpty()) {
                long suffix = Long.parseLong(b);
                if (suffix == 0) {
                    throw unsatisfiable(size);
                }
                return new ByteRange(Math.max(0, size - suffix), size - 1);
            }
            long first = Long.parseLong(a);
            long last = b.isEmpty() ? size - 1 : Math.min(Long.parseLong(b), size - 1);
            if (first >= size) {
                throw unsatisfiable(size);
            }
            return first > last ? null : new ByteRange(first, last);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static S3Error unsatisfiable(long size) {
        return new S3Error(416, "InvalidRange", "The requested range is not satisfiable.")
                .with("Content-Range", "bytes */" + size);
    }
}
