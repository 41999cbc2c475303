package io.jiti.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Multipart uploads under {@code uploads/ID/}: {@code upload.json}, and per part its data file and
 * {@code N.json}. Completing one joins the parts' plaintext into one new data file (sealed as the object)
 * and records it like any other write; the upload's directory then goes.
 */
final class Multipart {
    /** S3's smallest part but the last. */
    static final long MIN_PART = 5L << 20;
    private final Path root;
    private final BucketStore store;
    private final DataFiles files;

    Multipart(Path root, BucketStore store) {
        this.root = root;
        this.store = store;
        this.files = store.files();
    }

    Upload create(String key, String contentType, Map<String, String> headers, Map<String, String> metadata,
            ChecksumAlgorithm checksum, boolean encrypt) throws IOException {
        Upload u = new Upload(UUID.randomUUID().toString().replace("-", ""), key, System.currentTimeMillis(),
                contentType, headers, metadata, checksum == null ? null : checksum.name(), encrypt);
        Path dir = root.resolve(u.id());
        Files.createDirectories(dir);
        DataFiles.writeJson(dir.resolve("upload.json"), u);
        return u;
    }

    /** The upload {@code id} of {@code key}, or S3's NoSuchUpload. */
    Upload get(String key, String id) throws IOException {
        Path file = id.matches("[0-9a-f]{32}") ? root.resolve(id).resolve("upload.json") : null;
        if (file == null || !Files.exists(file)) {
            throw noSuchUpload();
        }
        Upload u = DataFiles.JSON.readValue(file.toFile(), Upload.class);
        if (!u.key().equals(key)) {
            throw noSuchUpload();
        }
        return u;
    }

    /** Stores part {@code number} of {@code u} from a checked body. */
    Part putPart(Upload u, int number, Staged staged, Received received) throws IOException {
        Path dir = root.resolve(u.id());
        DataFiles.place(staged, dir);
        Part p = new Part(number, received.etag(), received.size(), received.checksumsByName(),
                staged.dataFile(),
                staged.encrypted(), System.currentTimeMillis());
        Path meta = dir.resolve(number + ".json");
        Part old = Files.exists(meta) ? DataFiles.JSON.readValue(meta.toFile(), Part.class) : null;
        DataFiles.writeJson(meta, p);
        if (old != null) {
            Files.deleteIfExists(dir.resolve(old.dataFile()));
        }
        return p;
    }

    /** The owner a part's data is sealed for. */
    static String partOwner(Upload u, int number) {
        return "upload " + u.id() + " part " + number;
    }

    /**
     * Joins the listed parts (number and ETag as the client sent them) into the object; returns the
     * version stored.
     */
    ObjectVersion complete(Upload u, List<Map.Entry<Integer, String>> listed) throws IOException {
        List<Part> parts = new ArrayList<>();
        int previous = 0;
        for (Map.Entry<Integer, String> e : listed) {
            if (e.getKey() <= previous) {
                throw new S3Error(400, "InvalidPartOrder", "The list of parts was not in ascending order.");
            }
            previous = e.getKey();
            Path meta = root.resolve(u.id()).resolve(e.getKey() + ".json");
            Part p = Files.exists(meta) ? DataFiles.JSON.readValue(meta.toFile(), Part.class) : null;
            if (p == null || !p.etag().equals(e.getValue().replace("\"", ""))) {
                throw new S3Error(400, "InvalidPart", "Part " + e.getKey()
                        + " could not be found or its ETag does not match.");
            }
            parts.add(p);
        }
        if (parts.isEmpty()) {
            throw S3Error.malformedXml("no parts listed");
        }
        for (int i = 0; i < parts.size() - 1; i++) {
            if (parts.get(i).size() < MIN_PART) {
                throw new S3Error(400, "EntityTooSmall", "Part " + parts.get(i).number()
                        + " is smaller than the minimum allowed size (5 MiB); only the last part may be.");
            }
        }
        Staged joined;
        try (InputStream in = new SequenceInputStream(Collections.enumeration(readers(u, parts)))) {
            joined = store.stage(in, u.key(), u.encrypt());
        }
        long size = parts.stream().mapToLong(Part::size).sum();
        ObjectVersion meta = new ObjectVersion(null, false, System.currentTimeMillis(), size, etag(parts),
                u.contentType(), u.headers(), u.metadata(), composite(u, parts), joined.dataFile(), u.encrypt());
        ObjectVersion v = store.put(u.key(), joined, meta);
        abort(u);
        return v;
    }

    /** Deletes the upload and its parts. */
    void abort(Upload u) throws IOException {
        Path dir = root.resolve(u.id());
        try (Stream<Path> all = Files.list(dir)) {
            for (Path p : all.sorted(Comparator.comparing((Path x) -> x.getFileName().toString().equals("upload.json")))
                    .toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(dir);
    }

    private List<InputStream> readers(Upload u, List<Part> parts) {
        Path dir = root.resolve(u.id());
        List<InputStream> out = new ArrayList<>();
        for (Part p : parts) {
            out.add(new LazyInput(() -> Channels.newInputStream(
                    files.open(dir.resolve(p.dataFile()), partOwner(u, p.number()), p.encrypted()))));
        }
        return out;
    }

    /** S3's multipart ETag: the MD5 of the parts' MD5s, then {@code -N}. */
    private static String etag(List<Part> parts) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            for (Part p : parts) {
                md5.update(HexFormat.of().parseHex(p.etag()));
            }
            return HexFormat.of().formatHex(md5.digest()) + "-" + parts.size();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** S3's composite checksum: the checksum of the parts' checksums, then {@code -N}. */
    private static Map<String, String> composite(Upload u, List<Part> parts) {
        if (u.checksum() == null || parts.stream().anyMatch(p -> !p.checksums().containsKey(u.checksum()))) {
            return Map.of();
        }
        ChecksumAlgorithm.Hasher h = ChecksumAlgorithm.valueOf(u.checksum()).newHasher();
        for (Part p : parts) {
            byte[] raw = Base64.getDecoder().decode(p.checksums().get(u.checksum()));
            h.update(raw, 0, raw.length);
        }
        return Map.of(u.checksum(), h.base64() + "-" + parts.size());
    }

    private static S3Error noSuchUpload() {
        return new S3Error(404, "NoSuchUpload", "The specified multipart upload does not exist. The upload ID "
                + "may be invalid, or the upload may have been aborted or completed.");
    }

    /** Opens its stream on first read, so that only one part is open at a time. */
    private static final class LazyInput extends InputStream {
        private final Opener opener;
        private InputStream in;

        LazyInput(Opener opener) {
            this.opener = opener;
        }

        private InputStream in() throws IOException {
            if (in == null) {
                in = opener.open();
            }
            return in;
        }

        @Override
        public int read() throws IOException {
            return in().read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return in().read(b, off, len);
        }

        @Override
        public void close() throws IOException {
            if (in != null) {
                in.close();
            }
        }
    }

    @FunctionalInterface
    private interface Opener {
        InputStream open() throws IOException;
    }
}
