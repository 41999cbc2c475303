package io.jiti.kubernetes;

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
 * far as jiti uses it: the object is created when missing, else merged. It records each apply's field manager
 * and field validation, so tests can check what the provider asked for.
 */
final class ApplyingDispatcher extends KubernetesCrudDispatcher {
    /** {@code manager validation path} of every server-side apply, in order. */
    final List<String> applies = new CopyOnWriteArrayList<>();

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
        return super.handlePatch(new RecordedRequest(request.getHttpVersion(), HttpMethod.PATCH, path,
                Headers.builder().add("Content-Type", "application/merge-patch+json").build(), new Buffer(body)));
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
