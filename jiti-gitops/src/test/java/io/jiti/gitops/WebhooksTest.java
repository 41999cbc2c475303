package io.jiti.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WebhooksTest {
    /** GitHub's documented test values ("Validating webhook deliveries"). */
    private static final String GITHUB_SECRET = "It's a Secret to Everybody";
    private static final byte[] GITHUB_PAYLOAD = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    private static final String GITHUB_SIGNATURE =
            "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    @Test
    void gitHubsTestVectorVerifies() {
        assertThat(Webhooks.gitHubSignatureValid(GITHUB_SECRET, GITHUB_PAYLOAD, GITHUB_SIGNATURE)).isTrue();
        assertThat(Webhooks.gitHubSignature(GITHUB_SECRET, GITHUB_PAYLOAD)).isEqualTo(GITHUB_SIGNATURE);
    }

    @Test
    void anyOtherByteSecretOrHeaderFails() {
        assertThat(Webhooks.gitHubSignatureValid(GITHUB_SECRET, "Hello, World?".getBytes(StandardCharsets.UTF_8),
                GITHUB_SIGNATURE)).isFalse();
        assertThat(Webhooks.gitHubSignatureValid("another secret", GITHUB_PAYLOAD, GITHUB_SIGNATURE)).isFalse();
        assertThat(Webhooks.gitHubSignatureValid(GITHUB_SECRET, GITHUB_PAYLOAD, null)).isFalse();
        assertThat(Webhooks.gitHubSignatureValid(GITHUB_SECRET, GITHUB_PAYLOAD, "sha1=abc")).isFalse();
        assertThat(Webhooks.gitHubSignatureValid(GITHUB_SECRET, GITHUB_PAYLOAD, "sha256=zz")).isFalse();
        assertThat(Webhooks.gitHubSignatureValid(GITHUB_SECRET, GITHUB_PAYLOAD, GITHUB_SIGNATURE.substring(0, 40)))
                .isFalse();
    }

    @Test
    void gitLabTokenAndSignedForm() throws Exception {
        assertThat(Webhooks.gitLabTokenValid("tok", "tok")).isTrue();
        assertThat(Webhooks.gitLabTokenValid("tok", "tok2")).isFalse();
        assertThat(Webhooks.gitLabTokenValid("tok", null)).isFalse();

        byte[] key = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
        String token = "whsec_" + Base64.getEncoder().encodeToString(key);
        byte[] body = "{\"object_kind\":\"push\"}".getBytes(StandardCharsets.UTF_8);
        Instant now = Instant.ofEpochSecond(1_800_000_000L);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        mac.update(("msg_1." + now.getEpochSecond() + ".").getBytes(StandardCharsets.UTF_8));
        String sig = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        String ts = String.valueOf(now.getEpochSecond());
        assertThat(Webhooks.gitLabSignatureValid(token, "msg_1", ts, body, "v1,bm9wZQ== " + sig, now)).isTrue();
        assertThat(Webhooks.gitLabSignatureValid(token, "msg_2", ts, body, sig, now)).isFalse();
        assertThat(Webhooks.gitLabSignatureValid(token, "msg_1", ts, body, sig, now.plusSeconds(301))).isFalse();
        assertThat(Webhooks.gitLabSignatureValid(token, "msg_1", "x", body, sig, now)).isFalse();
    }
}
