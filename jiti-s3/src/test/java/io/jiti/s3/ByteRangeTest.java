package io.jiti.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteRangeTest {

    @Test
    void readsTheThreeFormsAndClampsToTheSize() {
        assertThat(ByteRange.parse("bytes=2-5", 10)).isEqualTo(new ByteRange(2, 5));
        assertThat(ByteRange.parse("bytes=2-", 10)).isEqualTo(new ByteRange(2, 9));
        assertThat(ByteRange.parse("bytes=-3", 10)).isEqualTo(new ByteRange(7, 9));
        assertThat(ByteRange.parse("bytes=-30", 10)).isEqualTo(new ByteRange(0, 9));
        assertThat(ByteRange.parse("bytes=8-100", 10)).isEqualTo(new ByteRange(8, 9));
    }

    @Test
    void whatS3IgnoresIsTheWholeObject() {
        assertThat(ByteRange.parse(null, 10)).isNull();
        assertThat(ByteRange.parse("bytes=0-1,4-5", 10)).isNull();
        assertThat(ByteRange.parse("items=0-1", 10)).isNull();
        assertThat(ByteRange.parse("bytes=5-2", 10)).isNull();
    }

    @Test
    void aRangePastTheEndIsNotSatisfiable() {
        assertThatThrownBy(() -> ByteRange.parse("bytes=10-", 10)).isInstanceOf(S3Error.class)
                .satisfies(e -> assertThat(((S3Error) e).status()).isEqualTo(416));
    }
}
