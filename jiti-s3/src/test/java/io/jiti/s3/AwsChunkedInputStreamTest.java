package io.jiti.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AwsChunkedInputStreamTest {

    private static AwsChunkedInputStream of(String wire) {
        return new AwsChunkedInputStream(new ByteArrayInputStream(wire.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void decodesSignedChunksAndTrailers() throws IOException {
        AwsChunkedInputStream in = of("5;chunk-signature=abc\r\nhello\r\n6;chunk-signature=def\r\n world\r\n"
                + "0;chunk-signature=ghi\r\nx-amz-checksum-crc32:DUoRhQ==\r\nx-amz-trailer-signature:xyz\r\n\r\n");
        assertThat(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)).isEqualTo("hello world");
        assertThat(in.trailers()).containsEntry("x-amz-checksum-crc32", "DUoRhQ==")
                .containsEntry("x-amz-trailer-signature", "xyz");
    }

    @Test
    void decodesUnsignedChunksWithoutTrailers() throws IOException {
        AwsChunkedInputStream in = of("3\r\nabc\r\n0\r\n\r\n");
        assertThat(in.readAllBytes()).containsExactly('a', 'b', 'c');
        assertThat(in.trailers()).isEqualTo(Map.of());
    }

    @Test
    void aTruncatedBodyIsRefused() {
        assertThatThrownBy(() -> of("a\r\nabc").readAllBytes()).isInstanceOf(S3Error.class)
                .hasMessageContaining("ended inside a chunk");
        assertThatThrownBy(() -> of("3\r\nabc\r\n").readAllBytes()).isInstanceOf(S3Error.class)
                .hasMessageContaining("before its last");
        assertThatThrownBy(() -> of("zz\r\nabc\r\n").readAllBytes()).isInstanceOf(S3Error.class)
                .hasMessageContaining("not hexadecimal");
    }
}
