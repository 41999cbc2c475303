package io.jiti.platform.store;

import io.jiti.platform.model.Environment;
import io.jiti.platform.model.Instance;
import io.jiti.platform.model.Service;
import java.util.List;
import java.util.Optional;

/** The store's targets: environments, services and their instances. */
final class TargetSql {
    private final JdbiSql sql;

    TargetSql(JdbiSql sql) {
        this.sql = sql;
    }

    boolean insertEnvironment(Environment e) {
        return sql.insert(h -> h.createUpdate("INSERT INTO environments (name, template, major, minor, inputs, labels, provider,"
                        + " protect, created) VALUES (:name, :template, :major, :minor, :inputs, :labels, :provider, :protect,"
                        + " :created)")
                .bind("name", e.name()).bind("template", e.template()).bind("major", e.version().major())
                .bind("minor", e.version().minor()).bind("inputs", Json.write(e.inputs()))
                .bind("labels", Json.write(e.labels())).bind("provider", e.provider()).bind("protect", e.protect())
                .bind("created", JdbiSql.millis(e.created())));
    }

    void updateEnvironment(Environment e) {
        sql.with(h -> h.createUpdate("UPDATE environments SET major = :major, minor = :minor, inputs = :inputs, labels = :labels"
                        + " WHERE name = :name")
                .bind("name", e.name()).bind("major", e.version().major()).bind("minor", e.version().minor())
                .bind("inputs", Json.write(e.inputs())).bind("labels", Json.write(e.labels())).execute());
    }

    Optional<Environment> environment(String name) {
        return sql.with(h -> h.createQuery("SELECT * FROM environments WHERE name = :name").bind("name", name)
                .map((rs, ctx) -> Rows.environment(rs)).findOne());
    }

    List<Environment> environments() {
        return sql.with(h -> h.createQuery("SELECT * FROM environments ORDER BY name")
                .map((rs, ctx) -> Rows.environment(rs)).list());
    }

    boolean insertService(Service s) {
        return sql.insert(h -> h.createUpdate("INSERT INTO services (name, team, template, major, created)"
                        + " VALUES (:name, :team, :template, :major, :created)")
                .bind("name", s.name()).bind("team", s.team()).bind("template", s.template()).bind("major", s.major())
                .bind("created", JdbiSql.millis(s.created())));
    }

    Optional<Service> service(String name) {
        return sql.with(h -> h.createQuery("SELECT * FROM services WHERE name = :name").bind("name", name)
                .map((rs, ctx) -> Rows.service(rs)).findOne());
    }

    List<Service> services() {
        return sql.with(h -> h.createQuery("SELECT * FROM services ORDER BY name").map((rs, ctx) -> Rows.service(rs)).list());
    }

    boolean insertInstance(Instance i) {
        return sql.insert(h -> h.createUpdate("INSERT INTO instances (service, environment, major, minor, inputs, components,"
                        + " created) VALUES (:service, :environment, :major, :minor, :inputs, :components, :created)")
                .bind("service", i.service()).bind("environment", i.environment()).bind("major", i.version().major())
                .bind("minor", i.version().minor()).bind("inputs", Json.write(i.inputs()))
                .bind("components", Json.write(i.components())).bind("created", JdbiSql.millis(i.created())));
    }

    void updateInstance(Instance i) {
        sql.with(h -> h.createUpdate("UPDATE instances SET major = :major, minor = :minor, inputs = :inputs,"
                        + " components = :components WHERE service = :service AND environment = :environment")
                .bind("service", i.service()).bind("environment", i.environment()).bind("major", i.version().major())
                .bind("minor", i.version().minor()).bind("inputs", Json.write(i.inputs()))
                .bind("components", Json.write(i.components())).execute());
    }

    Optional<Instance> instance(String service, String environment) {
        return sql.with(h -> h.createQuery("SELECT * FROM instances WHERE service = :service AND environment = :environment")
                .bind("service", service).bind("environment", environment).map((rs, ctx) -> Rows.instance(rs)).findOne());
    }

    List<Instance> instances() {
        return sql.with(h -> h.createQuery("SELECT * FROM instances ORDER BY service, environment")
                .map((rs, ctx) -> Rows.instance(rs)).list());
    }

    boolean deleteInstance(String service, String environment) {
        return sql.with(h -> h.createUpdate("DELETE FROM instances WHERE service = :service AND environment = :environment")
                .bind("service", service).bind("environment", environment).execute()) > 0;
    }

    boolean deleteEnvironment(String name) {
        return sql.with(h -> h.createUpdate("DELETE FROM environments WHERE name = :name").bind("name", name).execute()) > 0;
    }
}
