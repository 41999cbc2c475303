package io.jiti.local.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jiti.api.JitiException;
import io.jiti.local.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The few calls of DynamoDB's JSON protocol the agent makes to a table's own server (describe, create,
 * update). The local server checks no signature but wants an {@code Authorization} header of the right
 * shape (an alphanumeric key id), so the calls carry one that names no real key.
 */
final class DynamoDbApi {
    private static final String AUTHORIZATION = "AWS4-HMAC-SHA256 Credential=jitiagent/20260101/"
            + LocalAws.REGION + "/dynamodb/aws4_request, SignedHeaders=host;x-amz-target, Signature=0";

    /** An error answer: DynamoDB's error type (such as {@code ResourceNotFoundException}) and message. */
    static final class Failure extends JitiException {
        private static final long serialVersionUID = 1L;
        private final String type;

        Failure(String type, String message) {
            super(message);
            this.type = type;
        }

        /** The error type without its namespace. */
        String type() {
            return type;
        }
    }

    private final URI endpoint;

    DynamoDbApi(String endpoint) {
        this.endpoint = URI.create(endpoint + "/");
    }

    /**
     * Calls {@code action} (such as {@code DescribeTable}); null when the server does not answer (yet).
     *
     * @throws Failure when the server answers with an error
     */
    JsonNode call(String action, ObjectNode body) {
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "DynamoDB_20120810." + action)
                .header("Authorization", AUTHORIZATION)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        HttpResponse<String> response;
        try {
            response = ServerRuntime.HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        JsonNode answer;
        try {
            answer = Json.MAPPER.readTree(response.body().isEmpty() ? "{}" : response.body());
        } catch (IOException e) {
            throw new JitiException(action + " answered " + response.statusCode() + " with a body that is not JSON");
        }
        if (response.statusCode() != 200) {
            String type = answer.path("__type").asText("");
            String message = answer.has("message") ? answer.path("message").asText() : answer.path("Message").asText();
            throw new Failure(type.substring(type.indexOf('#') + 1), action + " failed: " + message);
        }
        return answer;
    }
}
