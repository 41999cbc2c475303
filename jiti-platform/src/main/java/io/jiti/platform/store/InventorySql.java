package io.jiti.platform.store;

import io.jiti.platform.model.InventoryFilter;
import io.jiti.platform.model.InventoryRow;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.statement.Query;

/**
 * The inventory as one query: environments and instances, each with its newest deployment (found through the
 * {@code (target, id)} index), the highest published version of its template and its own version's status,
 * filtered, ordered by a key (environments first, then by target) and cut at a page: the database does the
 * work, whatever the number of rows.
 */
final class InventorySql {
    private static final String ROWS = "SELECT '0environment/' || e.name AS k, 'environment' AS kind,"
            + " 'environment/' || e.name AS target, CAST(NULL AS VARCHAR(40)) AS team, e.name AS environment,"
            + " CAST(NULL AS VARCHAR(40)) AS service, e.template AS template, e.major AS major, e.minor AS minor"
            + " FROM environments e"
            + " UNION ALL SELECT '1instance/' || i.service || '/' || i.environment, 'instance',"
            + " 'instance/' || i.service || '/' || i.environment, s.team, i.environment, i.service, s.template, i.major,"
            + " i.minor FROM instances i JOIN services s ON s.name = i.service";
    private static final String VERSION = "(CAST(t.major AS BIGINT) * 1000000 + t.minor)";
    private static final String OUTDATED = "(COALESCE(lv.top, -1) > " + VERSION
            + " OR own.status IS NULL OR own.status IN ('deprecated', 'withdrawn'))";
    private final JdbiSql sql;

    InventorySql(JdbiSql sql) {
        this.sql = sql;
    }

    List<InventoryRow> inventory(InventoryFilter f, String after, int limit) {
        StringBuilder q = new StringBuilder("SELECT t.*, d.id AS deployment, d.status AS last_status, d.created AS d_created,"
                + " d.finished AS d_finished, lv.top AS top, " + OUTDATED + " AS outdated FROM (" + ROWS + ") t"
                + " LEFT JOIN deployments d ON d.id = (SELECT MAX(x.id) FROM deployments x WHERE x.target = t.target)"
                + " LEFT JOIN (SELECT name, MAX(CAST(major AS BIGINT) * 1000000 + minor) AS top FROM template_versions"
                + " WHERE status = 'published' GROUP BY name) lv ON lv.name = t.template"
                + " LEFT JOIN template_versions own ON own.name = t.template AND own.major = t.major AND own.minor = t.minor"
                + " WHERE t.k > :after");
        Map<String, String> binds = new LinkedHashMap<>();
        condition(q, binds, "t.team", "team", f.team());
        condition(q, binds, "t.template", "template", f.template());
        condition(q, binds, "COALESCE(d.status, 'none')", "status", f.status());
        condition(q, binds, "t.environment", "environment", f.environment());
        condition(q, binds, "t.service", "service", f.service());
        if (f.outdated()) {
            q.append(" AND ").append(OUTDATED);
        }
        q.append(" ORDER BY t.k LIMIT :limit");
        return sql.with(h -> {
            Query query = h.createQuery(q.toString()).bind("after", after == null ? "" : after).bind("limit", limit);
            binds.forEach(query::bind);
            return query.map((rs, ctx) -> row(rs)).list();
        });
    }

    /** {@code AND column = :name} when {@code value} is given. */
    private static void condition(StringBuilder q, Map<String, String> binds, String column, String name, String value) {
        if (value != null) {
            q.append(" AND ").append(column).append(" = :").append(name);
            binds.put(name, value);
        }
    }

    private static InventoryRow row(ResultSet rs) throws SQLException {
        long deployment = rs.getLong("deployment");
        boolean deployed = !rs.wasNull();
        long finished = rs.getLong("d_finished");
        boolean ended = !rs.wasNull();
        long top = rs.getLong("top");
        String latest = rs.wasNull() ? null : (top / 1_000_000) + "." + (top % 1_000_000);
        return new InventoryRow(rs.getString("kind"), rs.getString("target"), rs.getString("team"),
                rs.getString("environment"), rs.getString("service"), rs.getString("template"),
                rs.getInt("major") + "." + rs.getInt("minor"), deployed ? rs.getString("last_status") : "none",
                deployed ? deployment : 0L,
                deployed ? Instant.ofEpochMilli(ended ? finished : rs.getLong("d_created")) : null, latest,
                rs.getBoolean("outdated"));
    }
}
