package io.jiti.gitops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A push as a git host reports it: the branch, the commit it now points at, whether the branch was deleted,
 * and who pushed. Tags and other refs are not branches ({@link #branch()} empty).
 *
 * @param branch  the branch pushed to; empty for a tag or another ref
 * @param commit  the commit the branch points at now (40 hex); all zeros when deleted
 * @param deleted whether the push deleted the branch
 * @param pusher  who pushed, as the host names them
 */
public record PushEvent(Optional<String> branch, String commit, boolean deleted, String pusher) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}");
    private static final String ZERO = "0".repeat(40);

    /** A GitHub {@code push} event's payload. Throws IllegalArgumentException naming the field at fault. */
    public static PushEvent gitHub(byte[] body) {
        JsonNode p = parse(body);
        String after = sha(p, "after");
        String pusher = p.path("pusher").path("name").asText(p.path("sender").path("login").asText("github"));
        return new PushEvent(branchOf(ref(p)), after, p.path("deleted").asBoolean(false) || after.equals(ZERO), pusher);
    }

    /** A GitLab {@code Push Hook} payload. Throws IllegalArgumentException naming the field at fault. */
    public static PushEvent gitLab(byte[] body) {
        JsonNode p = parse(body);
        String after = sha(p, "after");
        String pusher = p.path("user_username").asText(p.path("user_name").asText("gitlab"));
        return new PushEvent(branchOf(ref(p)), after, after.equals(ZERO), pusher);
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode p = JSON.readTree(body);
            if (p == null || !p.isObject()) {
                throw new IllegalArgumentException("body: expected a JSON object");
            }
            return p;
        } catch (IOException e) {
            throw new IllegalArgumentException("body: not JSON (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static String ref(JsonNode p) {
        JsonNode ref = p.get("ref");
        if (ref == null || !ref.isTextual() || ref.asText().isBlank()) {
            throw new IllegalArgumentException("ref: expected the pushed ref, such as refs/heads/main");
        }
        return ref.asText();
    }

    private static String sha(JsonNode p, String field) {
        JsonNode v = p.get(field);
        if (v == null || !v.isTextual() || !SHA.matcher(v.asText()).matches()) {
            throw new IllegalArgumentException(field + ": expected a commit id (40 hex digits)");
        }
        return v.asText();
    }

    private static Optional<String> branchOf(String ref) {
        return ref.startsWith("refs/heads/") ? Optional.of(ref.substring("refs/heads/".length())) : Optional.empty();
    }
}
