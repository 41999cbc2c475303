package io.jiti.local.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jiti.api.JitiException;
import io.jiti.local.Home;
import io.jiti.local.lb.ListenerSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code table}: a DynamoDB endpoint of its own (DynamoDB Local from the {@code dynamodb} kit, on
 * loopback only, no telemetry) holding the one table, its items in SQLite under
 * {@code JITI_HOME/stacks/STACK/run/NAME/data}. The table is created from the spec once the server answers;
 * indexes added to or removed from the spec are created or dropped in place, one per step, as DynamoDB does.
 * A key schema change never reaches here without {@code --force}: it is a replace (the particle is deleted
 * with its data, then created).
 */
final class TableRuntime extends ServerRuntime {

    TableRuntime(Home home, RecordStore store, SecretStore secrets, io.jiti.local.lb.Balancers balancers,
            ParticleRecord rec) {
        super(home, store, secrets, balancers, rec);
    }

    @Override
    protected void layOut() {
        try {
            Files.createDirectories(dir().resolve("data"));
        } catch (IOException e) {
            throw new JitiException("cannot create the data directory of " + rec.name() + ": " + e.getMessage(), e);
        }
    }

    /** Behind a load balancer of the balancer host, which binds the table's port and serves its HTTPS. */
    @Override
    protected ListenerSpec front(String id, int port) {
        return secured(ListenerSpec.of(id, port));
    }

    @Override
    protected List<String> command(int port) {
        Kit kit = Kit.ensure(home, "dynamodb");
        return List.of(java(), "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dsqlite4java.library.path=" + kit.dir().resolve("lib"), "-cp", kit.classpath(),
                kit.props().getProperty("main"), String.valueOf(port), dir().resolve("data").toString());
    }

    @Override
    protected Map<String, String> environment() {
        // jiti's main never sets telemetry up; this says no as well, should a library ask
        return Map.of("DDB_LOCAL_TELEMETRY", "0");
    }

    @Override
    protected boolean ready() {
        TableSpec spec = TableSpec.of(rec.spec());
        DynamoDbApi api = new DynamoDbApi(serverEndpoint());
        ObjectNode name = JsonNodeFactory.instance.objectNode().put("TableName", rec.name());
        JsonNode described;
        try {
            described = api.call("DescribeTable", name);
        } catch (DynamoDbApi.Failure e) {
            if (!"ResourceNotFoundException".equals(e.type())) {
                throw e;
            }
            api.call("CreateTable", spec.createRequest(rec.name()));
            events.add("table created");
            return false;
        }
        if (described == null) {
            return false;
        }
        JsonNode table = described.path("Table");
        if (!spec.keySchema().equals(table.path("KeySchema"))) {
            throw new JitiException("table " + rec.name() + " has the key schema " + table.path("KeySchema")
                    + " but the spec says " + spec.keySchema() + "; a key change replaces the table (jiti up --force)");
        }
        return "ACTIVE".equals(table.path("TableStatus").asText()) && indexesMatch(api, spec, table);
    }

    /** Drops one index that is not as the spec says, or creates one that is missing; true when all match. */
    private boolean indexesMatch(DynamoDbApi api, TableSpec spec, JsonNode table) {
        Map<String, JsonNode> existing = new LinkedHashMap<>();
        table.path("GlobalSecondaryIndexes").forEach(i -> existing.put(i.path("IndexName").asText(), i));
        Map<String, TableSpec.Index> wanted = new LinkedHashMap<>();
        spec.indexes().forEach(i -> wanted.put(i.name(), i));
        for (Map.Entry<String, JsonNode> e : existing.entrySet()) {
            TableSpec.Index want = wanted.get(e.getKey());
            JsonNode json = want == null ? null : want.json();
            if (json == null || !json.path("KeySchema").equals(e.getValue().path("KeySchema"))
                    || !json.path("Projection").path("ProjectionType").equals(e.getValue().path("Projection").path("ProjectionType"))) {
                api.call("UpdateTable", TableSpec.deleteIndexRequest(rec.name(), e.getKey()));
                events.add("index " + e.getKey() + " dropped");
                return false;
            }
        }
        for (TableSpec.Index want : spec.indexes()) {
            if (!existing.containsKey(want.name())) {
                api.call("UpdateTable", spec.createIndexRequest(rec.name(), want));
                events.add("index " + want.name() + " created");
                return false;
            }
        }
        return existing.values().stream().allMatch(i -> "ACTIVE".equals(i.path("IndexStatus").asText("ACTIVE")));
    }

    @Override
    protected Map<String, Object> outputs(ParticleRecord r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("endpoint", r.url());
        out.put("caBundle", caBundle());
        out.put("name", r.name());
        out.put("arn", "arn:aws:dynamodb:" + LocalAws.REGION + ":" + LocalAws.ACCOUNT + ":table/" + r.name());
        out.put("region", LocalAws.REGION);
        return out;
    }
}
