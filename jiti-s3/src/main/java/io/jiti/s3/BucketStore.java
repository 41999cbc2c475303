package io.jiti.s3;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One bucket on disk: {@code bucket.json} (its settings), one directory per key under {@code objects/}
 * (named by the key's SHA-256) with {@code history.json} and the versions' data files, and {@code tmp/}.
 * Keys are indexed in memory in S3's order (UTF-8 binary, which for Java strings of these keys is the
 * order of their code points). Changes are made durable before they are acknowledged.
 */
final class BucketStore {
    private static final String HISTORY = "history.json";
    private final Path objects;
    private final Path configFile;
    private final DataFiles files;
    private final TreeMap<String, ObjectHistory> index = new TreeMap<>(BucketStore::compareUtf8);
    private BucketConfig config;

    private BucketStore(Path root, BucketConfig config, Sealer sealer) {
        this.objects = root.resolve("objects");
        this.configFile = root.resolve("bucket.json");
        this.config = config;
        this.files = new DataFiles(root.resolve("tmp"), sealer, config.name());
    }

    /**
     * Opens (or creates) bucket {@code name} under {@code root}: loads every key, removes what a crash left
     * half done (temporary files, data files no history names).
     */
    static BucketStore open(Path root, String name, Sealer sealer) throws IOException {
        Files.createDirectories(root.resolve("objects"));
        Path tmp = root.resolve("tmp");
        if (Files.isDirectory(tmp)) {
            try (Stream<Path> leftovers = Files.list(tmp)) {
                for (Path p : leftovers.toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        Files.createDirectories(tmp);
        Path configFile = root.resolve("bucket.json");
        BucketConfig config = Files.exists(configFile)
                ? DataFiles.JSON.readValue(configFile.toFile(), BucketConfig.class)
                : new BucketConfig(name, System.currentTimeMillis(), null, true);
        if (!config.name().equals(name)) {
            throw new IllegalStateException(root + " holds bucket " + config.name() + ", not " + name);
        }
        BucketStore store = new BucketStore(root, config, sealer);
        DataFiles.writeJson(configFile, config);
        store.load();
        return store;
    }

    private void load() throws IOException {
        try (Stream<Path> dirs = Files.list(objects)) {
            for (Path dir : dirs.toList()) {
                Path historyFile = dir.resolve(HISTORY);
                ObjectHistory h = Files.exists(historyFile)
                        ? DataFiles.JSON.readValue(historyFile.toFile(), ObjectHistory.class) : null;
                Set<String> kept = h == null ? Set.of() : h.versions().stream().map(ObjectVersion::dataFile)
                        .filter(f -> f != null).collect(Collectors.toSet());
                try (Stream<Path> entries = Files.list(dir)) {
                    for (Path f : entries.toList()) {
                        String n = f.getFileName().toString();
                        if (!n.equals(HISTORY) && !kept.contains(n)) {
                            Files.delete(f); // a crash between placing data and recording it, or after replacing it
                        }
                    }
                }
                if (h == null) {
                    Files.delete(dir);
                } else {
                    index.put(h.key(), h);
                }
            }
        }
    }

    /** How data files are written and read. */
    DataFiles files() {
        return files;
    }

    /** The number of keys. */
    synchronized int size() {
        return index.size();
    }

    synchronized BucketConfig config() {
        return config;
    }

    /** Changes the bucket's settings durably. */
    synchronized void configure(BucketConfig next) throws IOException {
        DataFiles.writeJson(configFile, next);
        config = next;
    }

    /** Writes {@code plaintext} into a new data file for {@code key} (see {@link DataFiles#stage}). */
    Staged stage(InputStream plaintext, String key, boolean encrypt) throws IOException {
        return files.stage(plaintext, key, encrypt);
    }

    /** A request body, staged and checked. */
    record Checked(Staged staged, Received received) {
    }

    /** Stages a request body for {@code owner} and checks it; a body that fails a check leaves nothing. */
    Checked stage(BodyReader body, String owner, boolean encrypt) throws IOException {
        Staged staged = stage(body.stream(), owner, encrypt);
        try {
            return new Checked(staged, body.finish());
        } catch (S3Error e) {
            Files.deleteIfExists(staged.file());
            throw e;
        }
    }

    /**
     * Makes {@code staged} the newest version of {@code key} with {@code meta} (its version id is chosen
     * here by the bucket's versioning); returns the version as stored.
     */
    synchronized ObjectVersion put(String key, Staged staged, ObjectVersion meta) throws IOException {
        Path dir = dirOf(key);
        DataFiles.place(staged, dir);
        ObjectVersion v = meta.withVersionId("Enabled".equals(config.versioning()) ? newVersionId()
                : ObjectVersion.NULL_VERSION);
        record(key, v);
        return v;
    }

    /** Records {@code v} as the newest version of {@code key}, dropping a null version it replaces. */
    private void record(String key, ObjectVersion v) throws IOException {
        ObjectHistory old = index.get(key);
        List<ObjectVersion> versions = new ArrayList<>();
        versions.add(v);
        List<ObjectVersion> dropped = new ArrayList<>();
        if (old != null) {
            for (ObjectVersion o : old.versions()) {
                boolean replaced = !config.versioned() || o.versionId().equals(ObjectVersion.NULL_VERSION)
                        && v.versionId().equals(ObjectVersion.NULL_VERSION);
                (replaced ? dropped : versions).add(o);
            }
        }
        save(key, new ObjectHistory(key, versions));
        deleteData(key, dropped);
    }

    /** The version of {@code key} asked for (the newest when {@code versionId} is null), if any. */
    synchronized ObjectVersion find(String key, String versionId) {
        ObjectHistory h = index.get(key);
        if (h == null) {
            return null;
        }
        if (versionId == null) {
            return h.latest();
        }
        return h.versions().stream().filter(v -> v.versionId().equals(versionId)).findFirst().orElse(null);
    }

    /** The plaintext of a version found with {@link #find}. */
    synchronized SeekableByteChannel open(String key, ObjectVersion v) throws IOException {
        try {
            return files.open(dirOf(key).resolve(v.dataFile()), key, v.encrypted());
        } catch (NoSuchFileException e) {
            throw S3Error.noSuchKey(); // replaced between find and open
        }
    }

    /**
     * Deletes as S3 does: a version when {@code versionId} is given, else the object (unversioned bucket) or
     * by a new delete marker (versioned). Returns what was deleted or created, or null when nothing was.
     */
    synchronized ObjectVersion delete(String key, String versionId) throws IOException {
        ObjectHistory h = index.get(key);
        long now = System.currentTimeMillis();
        if (versionId != null) {
            ObjectVersion gone = find(key, versionId);
            if (gone == null) {
                return null;
            }
            List<ObjectVersion> rest = new ArrayList<>(h.versions());
            rest.remove(gone);
            save(key, rest.isEmpty() ? null : new ObjectHistory(key, rest));
            deleteData(key, List.of(gone));
            return gone;
        }
        if (config.versioned()) {
            ObjectVersion marker = ObjectVersion.marker("Enabled".equals(config.versioning()) ? newVersionId()
                    : ObjectVersion.NULL_VERSION, now);
            record(key, marker);
            return marker;
        }
        if (h == null) {
            return null;
        }
        save(key, null);
        deleteData(key, h.versions());
        return h.latest();
    }

    /**
     * Visits keys in order from {@code from} ({@code inclusive} or not; null: the first key) while
     * {@code visitor} returns true.
     */
    synchronized void scan(String from, boolean inclusive, Predicate<ObjectHistory> visitor) {
        var view = from == null ? index : index.tailMap(from, inclusive);
        for (ObjectHistory h : view.values()) {
            if (!visitor.test(h)) {
                return;
            }
        }
    }

    private void save(String key, ObjectHistory h) throws IOException {
        Path dir = dirOf(key);
        if (h == null) {
            Files.deleteIfExists(dir.resolve(HISTORY));
            index.remove(key);
            return;
        }
        Files.createDirectories(dir);
        DataFiles.writeJson(dir.resolve(HISTORY), h);
        index.put(key, h);
    }

    private void deleteData(String key, List<ObjectVersion> versions) throws IOException {
        Path dir = dirOf(key);
        for (ObjectVersion v : versions) {
            if (v.dataFile() != null) {
                Files.deleteIfExists(dir.resolve(v.dataFile()));
            }
        }
        if (!index.containsKey(key) && Files.isDirectory(dir)) {
            try (Stream<Path> left = Files.list(dir)) {
                if (left.findAny().isEmpty()) {
                    Files.delete(dir);
                }
            }
        }
    }

    private Path dirOf(String key) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return objects.resolve(HexFormat.of().formatHex(h));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String newVersionId() {
        return Long.toString(System.currentTimeMillis(), 36) + UUID.randomUUID().toString().replace("-", "");
    }

    /**
     * S3 orders keys by their UTF-8 bytes, which is the order of their code points (compared here without
     * encoding the keys: the index compares on every lookup).
     */
    static int compareUtf8(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }
}
