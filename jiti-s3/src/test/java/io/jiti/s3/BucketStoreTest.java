package io.jiti.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BucketStoreTest {
    private static final Sealer SEALER = new Sealer("a-data-key-of-the-bucket-0123456789abcdef");
    @TempDir
    Path root;

    private ObjectVersion put(BucketStore store, String key, String body, boolean encrypt) throws IOException {
        Staged staged = store.stage(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), key, encrypt);
        return store.put(key, staged, new ObjectVersion(null, false, System.currentTimeMillis(), body.length(), "e",
                "text/plain", null, null, null, staged.dataFile(), encrypt));
    }

    private static String read(BucketStore store, String key, ObjectVersion v, long from, int length) throws IOException {
        try (SeekableByteChannel c = store.open(key, v)) {
            c.position(from);
            ByteBuffer buf = ByteBuffer.allocate(length);
            while (buf.hasRemaining() && c.read(buf) > 0) {
                // fill
            }
            return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
        }
    }

    private List<Path> filesHolding(String text) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                if (Files.readString(p, StandardCharsets.ISO_8859_1).contains(text)) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    @Test
    void encryptedObjectsAreNotOnDiskInPlainButReadWholeAndInRanges() throws IOException {
        BucketStore store = BucketStore.open(root, "photos", SEALER);
        String body = "a secret photo ".repeat(20_000); // 300 kB: several 64 KiB segments
        ObjectVersion v = put(store, "a.jpg", body, true);
        assertThat(filesHolding("a secret photo")).isEmpty();
        assertThat(read(store, "a.jpg", v, 0, body.length())).isEqualTo(body);
        assertThat(read(store, "a.jpg", v, 150_001, 14)).isEqualTo(body.substring(150_001, 150_015));

        ObjectVersion plain = put(store, "b.txt", "stored as it is", false);
        assertThat(filesHolding("stored as it is")).hasSize(1);
        assertThat(read(store, "b.txt", plain, 0, 100)).isEqualTo("stored as it is");
    }

    @Test
    void aDataFileMovedUnderAnotherKeyDoesNotDecrypt() throws IOException {
        BucketStore store = BucketStore.open(root, "photos", SEALER);
        ObjectVersion a = put(store, "a", "first", true);
        ObjectVersion b = put(store, "b", "second", true);
        Path dirA = findFile(a.dataFile()).getParent();
        Path dirB = findFile(b.dataFile()).getParent();
        Files.copy(dirA.resolve(a.dataFile()), dirB.resolve(b.dataFile()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThatThrownBy(() -> read(store, "b", b, 0, 10)).isInstanceOf(IOException.class);
    }

    private Path findFile(String name) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(p -> p.getFileName().toString().equals(name)).findFirst().orElseThrow();
        }
    }

    @Test
    void versioningKeepsVersionsSuspendedReplacesTheNullVersionUnversionedKeepsOne() throws IOException {
        BucketStore store = BucketStore.open(root, "docs", SEALER);
        put(store, "k", "one", true);
        put(store, "k", "two", true);
        assertThat(store.find("k", null).versionId()).isEqualTo("null");
        assertThat(dataFiles()).hasSize(1); // the replaced data is gone

        store.configure(store.config().withVersioning("Enabled"));
        ObjectVersion three = put(store, "k", "three", true);
        assertThat(three.versionId()).isNotEqualTo("null");
        ObjectVersion marker = store.delete("k", null);
        assertThat(marker.deleteMarker()).isTrue();
        assertThat(store.find("k", null).deleteMarker()).isTrue();
        assertThat(read(store, "k", store.find("k", three.versionId()), 0, 10)).isEqualTo("three");
        assertThat(read(store, "k", store.find("k", "null"), 0, 10)).isEqualTo("two");

        store.configure(store.config().withVersioning("Suspended"));
        put(store, "k", "four", true);
        assertThat(store.find("k", "null")).extracting(ObjectVersion::size).isEqualTo(4L); // replaced "two"
        assertThat(dataFiles()).hasSize(2); // three and four

        store.delete("k", three.versionId());
        store.delete("k", marker.versionId());
        store.delete("k", "null");
        assertThat(store.find("k", null)).isNull();
        assertThat(dataFiles()).isEmpty();
    }

    @Test
    void reopeningKeepsObjectsAndSettingsAndDropsWhatACrashLeftHalfDone() throws IOException {
        BucketStore store = BucketStore.open(root, "docs", SEALER);
        ObjectVersion v = put(store, "kept", "kept body", true);
        store.configure(store.config().withEncryption(false));
        Staged orphan = store.stage(new ByteArrayInputStream(new byte[10]), "lost", true); // never committed
        Path stray = findFile(v.dataFile()).resolveSibling("00000000-stray.data"); // placed, never recorded
        Files.write(stray, new byte[] {1, 2, 3});

        BucketStore again = BucketStore.open(root, "docs", SEALER);
        assertThat(again.config().encryption()).isFalse();
        assertThat(read(again, "kept", again.find("kept", null), 0, 100)).isEqualTo("kept body");
        assertThat(orphan.file()).doesNotExist();
        assertThat(stray).doesNotExist();
        assertThatThrownBy(() -> BucketStore.open(root, "other", SEALER)).hasMessageContaining("holds bucket docs");
    }

    @Test
    void listingsRollUpAtTheDelimiterAndPageOnwards() throws IOException {
        BucketStore store = BucketStore.open(root, "docs", SEALER);
        for (String k : List.of("a/1", "a/2", "b", "c/1", "d")) {
            put(store, k, k, false);
        }
        store.delete("d", null);
        java.util.Map<String, String> q = new java.util.HashMap<>(java.util.Map.of("delimiter", "/", "max-keys", "2"));
        Listing first = Listing.objects(store, ListQuery.of(q, null, null));
        assertThat(first.prefixes()).containsExactly("a/");
        assertThat(first.entries()).extracting(Listing.Entry::key).containsExactly("b");
        assertThat(first.truncated()).isTrue();
        Listing second = Listing.objects(store, ListQuery.of(q, first.nextKey(), null));
        assertThat(second.prefixes()).containsExactly("c/");
        assertThat(second.entries()).isEmpty();
        assertThat(second.truncated()).isFalse();
        Listing fromA = Listing.objects(store, ListQuery.of(java.util.Map.of("prefix", "a/"), null, null));
        assertThat(fromA.entries()).extracting(Listing.Entry::key).containsExactly("a/1", "a/2");
    }

    @Test
    void keysAreOrderedByTheirUtf8Bytes() {
        List<String> keys = List.of("", "a", "a/", "a0", "ab", "z", "\u00e9", "\u0800", "\ufffd", "\ud83d\ude00",
                "\ud83d\ude00a", "A", "~");
        for (String a : keys) {
            for (String b : keys) {
                int bytes = java.util.Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8),
                        b.getBytes(StandardCharsets.UTF_8));
                assertThat(Integer.signum(BucketStore.compareUtf8(a, b))).as(a + " vs " + b).isEqualTo(Integer.signum(bytes));
            }
        }
    }

    private List<Path> dataFiles() throws IOException {
        try (Stream<Path> all = Files.walk(root.resolve("objects"))) {
            return all.filter(p -> p.toString().endsWith(".data")).toList();
        }
    }
}
