package io.jiti.platform.store;

import io.jiti.platform.model.Team;
import io.jiti.platform.model.User;
import java.util.List;
import java.util.Optional;

/** The store's teams, users and tokens (kept as hashes). */
final class IdentitySql {
    private final JdbiSql sql;

    IdentitySql(JdbiSql sql) {
        this.sql = sql;
    }

    boolean insertTeam(Team team) {
        return sql.insert(h -> h.createUpdate("INSERT INTO teams (name, created) VALUES (:name, :created)")
                .bind("name", team.name()).bind("created", JdbiSql.millis(team.created())));
    }

    Optional<Team> team(String name) {
        return sql.with(h -> h.createQuery("SELECT * FROM teams WHERE name = :name").bind("name", name)
                .map((rs, ctx) -> Rows.team(rs)).findOne());
    }

    List<Team> teams() {
        return sql.with(h -> h.createQuery("SELECT * FROM teams ORDER BY name").map((rs, ctx) -> Rows.team(rs)).list());
    }

    boolean insertUser(User user) {
        return sql.insert(h -> h.createUpdate("INSERT INTO users (name, team, role, created) VALUES (:name, :team, :role, :created)")
                .bind("name", user.name()).bind("team", user.team()).bind("role", user.role().word())
                .bind("created", JdbiSql.millis(user.created())));
    }

    Optional<User> user(String name) {
        return sql.with(h -> h.createQuery("SELECT * FROM users WHERE name = :name").bind("name", name)
                .map((rs, ctx) -> Rows.user(rs)).findOne());
    }

    List<User> users() {
        return sql.with(h -> h.createQuery("SELECT * FROM users ORDER BY name").map((rs, ctx) -> Rows.user(rs)).list());
    }

    void insertToken(StoredToken t) {
        sql.with(h -> h.createUpdate("INSERT INTO tokens (id, user_name, hash, created, expires, revoked)"
                        + " VALUES (:id, :user, :hash, :created, :expires, FALSE)")
                .bind("id", t.id()).bind("user", t.user()).bind("hash", t.hash())
                .bind("created", JdbiSql.millis(t.created())).bind("expires", JdbiSql.millis(t.expires())).execute());
    }

    Optional<StoredToken> tokenByHash(String hash) {
        return sql.with(h -> h.createQuery("SELECT * FROM tokens WHERE hash = :hash").bind("hash", hash)
                .map((rs, ctx) -> Rows.token(rs)).findOne());
    }

    List<StoredToken> tokens(String user) {
        return sql.with(h -> h.createQuery("SELECT * FROM tokens WHERE user_name = :user ORDER BY created")
                .bind("user", user).map((rs, ctx) -> Rows.token(rs)).list());
    }

    boolean revokeToken(String id) {
        return sql.with(h -> h.createUpdate("UPDATE tokens SET revoked = TRUE WHERE id = :id").bind("id", id).execute()) == 1;
    }
}
