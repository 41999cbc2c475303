package io.jiti.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Crc64NvmeTest {

    @Test
    void matchesTheCatalogueCheckValue() {
        Crc64Nvme crc = new Crc64Nvme();
        byte[] b = "123456789".getBytes(StandardCharsets.US_ASCII);
        crc.update(b, 0, b.length);
        assertThat(crc.getValue()).isEqualTo(0xae8b14860a799888L);
    }

    @Test
    void checksumsAreBase64OfTheBigEndianValue() {
        ChecksumAlgorithm.Hasher h = ChecksumAlgorithm.CRC32.newHasher();
        byte[] b = "123456789".getBytes(StandardCharsets.US_ASCII);
        h.update(b, 0, b.length);
        assertThat(h.base64()).isEqualTo("y/Q5Jg=="); // CRC-32 check value 0xcbf43926
    }
}
