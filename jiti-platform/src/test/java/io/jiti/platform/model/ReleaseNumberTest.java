package io.jiti.platform.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** What the CLI, the REST API and the console accept as a release's name. */
class ReleaseNumberTest {

    @Test
    void aReleaseIsCalledByItsLabelOrItsNumber() {
        assertThat(Release.number("v12")).hasValue(12);
        assertThat(Release.number("12")).hasValue(12);
        assertThat(Release.number("v999999999")).hasValue(999_999_999);
    }

    @Test
    void anythingElseIsNoRelease() {
        for (String text : new String[] {null, "", "v", "vv1", "V12", "-1", "1.2", "v1234567890", " 1", "release"}) {
            assertThat(Release.number(text)).as("'%s'", text).isEqualTo(OptionalInt.empty());
        }
    }
}
