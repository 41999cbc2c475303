package io.jiti.local.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jiti.api.JitiException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TableSpecTest {
    private static final Map<String, Object> EVENTS = Map.of(
            "partitionKey", Map.of("name", "id"),
            "sortKey", Map.of("name", "at", "type", "number"),
            "indexes", List.of(Map.of("name", "byKind", "partitionKey", Map.of("name", "kind"),
                    "sortKey", Map.of("name", "at", "type", "number"), "projection", "keys")));

    @Test
    void createTableNamesEveryKeyAttributeOnceWithItsType() {
        String json = TableSpec.of(EVENTS).createRequest("events").toString();
        assertThat(json).isEqualTo("{\"TableName\":\"events\",\"BillingMode\":\"PAY_PER_REQUEST\","
                + "\"KeySchema\":[{\"AttributeName\":\"id\",\"KeyType\":\"HASH\"},{\"AttributeName\":\"at\",\"KeyType\":\"RANGE\"}],"
                + "\"GlobalSecondaryIndexes\":[{\"IndexName\":\"byKind\",\"KeySchema\":[{\"AttributeName\":\"kind\",\"KeyType\":\"HASH\"},"
                + "{\"AttributeName\":\"at\",\"KeyType\":\"RANGE\"}],\"Projection\":{\"ProjectionType\":\"KEYS_ONLY\"}}],"
                + "\"AttributeDefinitions\":[{\"AttributeName\":\"id\",\"AttributeType\":\"S\"},"
                + "{\"AttributeName\":\"at\",\"AttributeType\":\"N\"},{\"AttributeName\":\"kind\",\"AttributeType\":\"S\"}]}");
    }

    @Test
    void anIndexIsAddedWithTheDefinitionsOfItsOwnKeysOnly() {
        TableSpec spec = TableSpec.of(EVENTS);
        String json = spec.createIndexRequest("events", spec.indexes().get(0)).toString();
        assertThat(json).startsWith("{\"TableName\":\"events\",\"AttributeDefinitions\":[{\"AttributeName\":\"kind\","
                + "\"AttributeType\":\"S\"},{\"AttributeName\":\"at\",\"AttributeType\":\"N\"}],"
                + "\"GlobalSecondaryIndexUpdates\":[{\"Create\":{\"IndexName\":\"byKind\"");
        assertThat(TableSpec.deleteIndexRequest("events", "byKind").toString())
                .isEqualTo("{\"TableName\":\"events\",\"GlobalSecondaryIndexUpdates\":[{\"Delete\":{\"IndexName\":\"byKind\"}}]}");
    }

    @Test
    void oneAttributeWithTwoTypesIsRefused() {
        Map<String, Object> spec = Map.of("partitionKey", Map.of("name", "id"),
                "indexes", List.of(Map.of("name", "byId", "partitionKey", Map.of("name", "id", "type", "number"))));
        assertThatThrownBy(() -> TableSpec.of(spec)).isInstanceOf(JitiException.class)
                .hasMessage("attribute 'id' is a key of two types (S and N); DynamoDB keeps one type per attribute name");
    }
}
