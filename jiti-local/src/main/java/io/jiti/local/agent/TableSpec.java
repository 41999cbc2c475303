package io.jiti.local.agent;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jiti.api.JitiException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code table}'s spec read into DynamoDB's terms: the key schema, the global secondary indexes and the
 * attribute definitions they need, as the JSON of {@code CreateTable} and {@code UpdateTable}.
 *
 * @param partitionKey the partition (hash) key
 * @param sortKey      the sort (range) key, or null
 * @param indexes      the global secondary indexes
 */
record TableSpec(Attribute partitionKey, Attribute sortKey, List<Index> indexes) {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /**
     * A key attribute.
     *
     * @param name the attribute name
     * @param type S, N or B
     */
    record Attribute(String name, String type) {
        static Attribute of(Object spec) {
            if (!(spec instanceof Map<?, ?> m)) {
                return null;
            }
            String type = switch (String.valueOf(m.containsKey("type") ? m.get("type") : "string")) {
                case "number" -> "N";
                case "binary" -> "B";
                default -> "S";
            };
            return new Attribute(String.valueOf(m.get("name")), type);
        }
    }

    /**
     * A global secondary index.
     *
     * @param name         the index name
     * @param partitionKey its partition key
     * @param sortKey      its sort key, or null
     * @param projection   ALL or KEYS_ONLY
     */
    record Index(String name, Attribute partitionKey, Attribute sortKey, String projection) {
        /** The index as {@code CreateTable} and {@code UpdateTable} take it. */
        ObjectNode json() {
            ObjectNode index = JSON.objectNode().put("IndexName", name);
            index.set("KeySchema", keySchema(partitionKey, sortKey));
            index.putObject("Projection").put("ProjectionType", projection);
            return index;
        }
    }

    /** Reads a {@code table} particle's spec (already valid against its schema). */
    static TableSpec of(Map<String, Object> spec) {
        List<Index> indexes = new ArrayList<>();
        if (spec.get("indexes") instanceof List<?> list) {
            for (Object o : list) {
                Map<?, ?> m = (Map<?, ?>) o;
                indexes.add(new Index(String.valueOf(m.get("name")), Attribute.of(m.get("partitionKey")),
                        Attribute.of(m.get("sortKey")), "keys".equals(m.get("projection")) ? "KEYS_ONLY" : "ALL"));
            }
        }
        TableSpec table = new TableSpec(Attribute.of(spec.get("partitionKey")), Attribute.of(spec.get("sortKey")), indexes);
        table.attributes();
        return table;
    }

    /** The table's key schema as DynamoDB describes it. */
    ArrayNode keySchema() {
        return keySchema(partitionKey, sortKey);
    }

    private static ArrayNode keySchema(Attribute partition, Attribute sort) {
        ArrayNode keys = JSON.arrayNode();
        keys.addObject().put("AttributeName", partition.name()).put("KeyType", "HASH");
        if (sort != null) {
            keys.addObject().put("AttributeName", sort.name()).put("KeyType", "RANGE");
        }
        return keys;
    }

    /**
     * Every key attribute of the table and its indexes with its type.
     *
     * @throws JitiException when one attribute is given two types
     */
    Map<String, String> attributes() {
        Map<String, String> types = new LinkedHashMap<>();
        List<Attribute> all = new ArrayList<>();
        all.add(partitionKey);
        all.add(sortKey);
        for (Index i : indexes) {
            all.add(i.partitionKey());
            all.add(i.sortKey());
        }
        for (Attribute a : all) {
            if (a == null) {
                continue;
            }
            String before = types.putIfAbsent(a.name(), a.type());
            if (before != null && !before.equals(a.type())) {
                throw new JitiException("attribute '" + a.name() + "' is a key of two types (" + before + " and "
                        + a.type() + "); DynamoDB keeps one type per attribute name");
            }
        }
        return types;
    }

    private ArrayNode definitions(List<Attribute> used) {
        Map<String, String> types = attributes();
        ArrayNode defs = JSON.arrayNode();
        used.stream().filter(a -> a != null).map(Attribute::name).distinct()
                .forEach(name -> defs.addObject().put("AttributeName", name).put("AttributeType", types.get(name)));
        return defs;
    }

    /** The body of {@code CreateTable} for table {@code name} (on-demand billing). */
    ObjectNode createRequest(String name) {
        ObjectNode body = JSON.objectNode().put("TableName", name).put("BillingMode", "PAY_PER_REQUEST");
        List<Attribute> used = new ArrayList<>(List.of(partitionKey));
        if (sortKey != null) {
            used.add(sortKey);
        }
        body.set("KeySchema", keySchema());
        if (!indexes.isEmpty()) {
            ArrayNode gsis = body.putArray("GlobalSecondaryIndexes");
            for (Index i : indexes) {
                gsis.add(i.json());
                used.add(i.partitionKey());
                used.add(i.sortKey());
            }
        }
        body.set("AttributeDefinitions", definitions(used));
        return body;
    }

    /** The body of {@code UpdateTable} that adds {@code index} to table {@code name}. */
    ObjectNode createIndexRequest(String name, Index index) {
        ObjectNode body = JSON.objectNode().put("TableName", name);
        body.set("AttributeDefinitions", definitions(java.util.Arrays.asList(index.partitionKey(), index.sortKey())));
        body.putArray("GlobalSecondaryIndexUpdates").addObject().set("Create", index.json());
        return body;
    }

    /** The body of {@code UpdateTable} that drops index {@code index} of table {@code name}. */
    static ObjectNode deleteIndexRequest(String name, String index) {
        ObjectNode body = JSON.objectNode().put("TableName", name);
        body.putArray("GlobalSecondaryIndexUpdates").addObject().putObject("Delete").put("IndexName", index);
        return body;
    }
}
