package io.jiti.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * fabric8's CRUD mock with server-side apply ({@code application/apply-patch+yaml}), which the mock lacks, as
 * far as jiti uses it: the object is created when missing, else the applied object is merged into it as a
 * JSON merge patch (RFC 7386: mappings merge, lists and values are replaced, as a keyed list applied whole by
 * its only manager would be; fields others set, such as status, stay). It records each apply's field manager
 * and field validation, so tests can check what the provider asked for.
 */
final class ApplyingDispatcher extends KubernetesCrudDispatcher {
    /** The bearer token of the provider's client (tests' and controllers' clients have none). */
    static final String PROVIDER_TOKEN = "jiti-provider";
    /** {@code METHOD path} of every request the provider's client made, in order. */
    final List<String> providerRequests = new CopyOnWriteArrayList<>();
    /** {@code manager validation path} of every server-side apply, in order. */
    final List<String> applies = new CopyOnWriteArrayList<>();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        if (("Bearer " + PROVIDER_TOKEN).equals(request.getHeader("Authorization"))) {
            providerRequests.add(request.getMethod() + " " + request.getPath());
        }
        return super.dispatch(request);
    }

    @Override
    public MockResponse handlePatch(RecordedRequest request) {
        String type = request.getHeader("Content-Type");
        if (type == null || !type.startsWith("application/apply-patch")) {
            return super.handlePatch(request);
        }
        String[] parts = request.getPath().split("\\?", 2);
        String path = parts[0];
        applies.add(query(parts, "fieldManager") + " " + query(parts, "fieldValidation") + " " + path);
        byte[] body = request.getBody().getBytes();
        if (handleGet(path).code() == 404) {
            String collection = path.substring(0, path.lastIndexOf('/'));
            return handleCreate(new RecordedRequest(request.getHttpVersion(), HttpMethod.POST, collection,
                    Headers.builder().add("Content-Type", "application/json").build(), new Buffer(body)));
        }
        try {
            ObjectNode live = (ObjectNode) JSON.readTree(handleGet(path).getBody().readUtf8());
            merge(live, JSON.readTree(body));
            ((ObjectNode) live.get("metadata")).remove("resourceVersion");
            return handleUpdate(new RecordedRequest(request.getHttpVersion(), HttpMethod.PUT, path,
                    Headers.builder().add("Content-Type", "application/json").build(),
                    new Buffer(JSON.writeValueAsBytes(live))));
        } catch (java.io.IOException e) {
            return new MockResponse().setResponseCode(400).setBody(e.getMessage());
        }
    }

    /** RFC 7386: {@code patch}'s mappings merge into {@code target}'s, anything else replaces, null removes. */
    private static void merge(ObjectNode target, JsonNode patch) {
        patch.properties().forEach(e -> {
            JsonNode value = e.getValue();
            if (value.isNull()) {
                target.remove(e.getKey());
            } else if (value.isObject() && target.get(e.getKey()) instanceof ObjectNode inner) {
                merge(inner, value);
            } else {
                target.set(e.getKey(), value);
            }
        });
    }

    private static String query(String[] parts, String name) {
        if (parts.length < 2) {
            return "";
        }
        for (String p : parts[1].split("&")) {
            if (p.startsWith(name + "=")) {
                return URLDecoder.decode(p.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        return "";
    }
}
