package io.jiti.server.console;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.jiti.platform.Inventory;
import io.jiti.platform.Platform;
import io.jiti.platform.deploy.LiveOutputs;
import io.jiti.platform.model.Deployment;
import io.jiti.platform.model.Environment;
import io.jiti.platform.model.Instance;
import io.jiti.platform.model.InventoryFilter;
import io.jiti.platform.model.InventoryRow;
import io.jiti.platform.model.MetricSample;
import io.jiti.platform.model.MetricSeries;
import io.jiti.platform.model.Page;
import io.jiti.platform.model.Service;
import io.jiti.platform.model.Target;
import io.jiti.platform.model.TemplateStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The inventory, an environment (with its picture) and an instance (with its charts), and rollbacks. */
final class TargetPages {
    private final Platform platform;
    private final Pages pages;
    private final Clock clock;

    TargetPages(Platform platform, Pages pages, Clock clock) {
        this.platform = platform;
        this.pages = pages;
        this.clock = clock;
    }

    void register(RoutesConfig r) {
        r.get("/console", this::inventory);
        r.get("/console/environments/{name}", this::environment);
        r.get("/console/services/{service}/instances/{environment}", this::instance);
        r.post("/console/rollback", ctx -> {
            Deployment d = platform.deployments().rollback(Console.caller(ctx),
                    Target.parse("target", ctx.formParam("target")));
            ctx.redirect("/console/deployments/" + d.id(), HttpStatus.SEE_OTHER);
        });
    }

    private void inventory(Context ctx) {
        String team = blankToNull(ctx.queryParam("team"));
        String template = blankToNull(ctx.queryParam("template"));
        String status = blankToNull(ctx.queryParam("status"));
        boolean outdated = "true".equals(ctx.queryParam("outdated"));
        Page<InventoryRow> page = platform.inventory().list(Console.caller(ctx),
                new InventoryFilter(team, template, status, outdated), ctx.queryParam("after"), 100);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", "Inventory");
        m.put("rows", page.items().stream().map(TargetPages::row).toList());
        m.put("empty", page.items().isEmpty());
        m.put("team", team);
        m.put("template", template);
        m.put("statuses", Inventory.STATUSES.stream().map(n -> Map.of("name", n, "selected", n.equals(status))).toList());
        m.put("outdated", outdated);
        if (page.next() != null) {
            m.put("next", "/console?after=" + Links.segment(page.next()) + (team == null ? "" : "&team=" + Links.segment(team))
                    + (template == null ? "" : "&template=" + Links.segment(template))
                    + (status == null ? "" : "&status=" + Links.segment(status)) + (outdated ? "&outdated=true" : ""));
        }
        ctx.html(pages.render("inventory", Console.withUser(ctx, m)));
    }

    private void environment(Context ctx) {
        Environment e = platform.environments().get(ctx.pathParam("name"));
        List<InventoryRow> rows = all(ctx, new InventoryFilter(null, null, null, false, e.name(), null));
        InventoryRow own = rows.get(0); // environments sort first
        List<InventoryRow> instances = rows.subList(1, rows.size());
        Map<String, Object> outputs = outputs(() -> platform.environments().outputs(Console.caller(ctx), e.name()));
        Map<String, Object> m = target(ctx, e.target(), own);
        m.put("title", "Environment " + e.name());
        m.put("name", e.name());
        m.put("provider", e.provider());
        m.put("protect", e.protect());
        m.put("deleteAction", "/console/environments/" + Links.segment(e.name()) + "/delete");
        m.put("labels", pairs(new LinkedHashMap<>(e.labels())));
        m.put("inputs", pairs(LiveOutputs.masked(e.inputs())));
        m.put("outputs", pairs(outputs));
        m.put("picture", Picture.svg(own, outputs.keySet(), instances));
        m.put("instances", instances.stream().map(TargetPages::row).toList());
        ctx.html(pages.render("environment", Console.withUser(ctx, m)));
    }

    private void instance(Context ctx) {
        Instance i = platform.services().instance(ctx.pathParam("service"), ctx.pathParam("environment"));
        InventoryRow own = all(ctx, InventoryFilter.of(i.target())).get(0);
        Map<String, Object> m = target(ctx, i.target(), own);
        m.put("title", "Instance " + i.service() + " in " + i.environment());
        m.put("service", i.service());
        m.put("environment", i.environment());
        m.put("environmentLink", "/console/environments/" + Links.segment(i.environment()));
        m.put("serviceLink", "/console/services/" + Links.segment(i.service()));
        m.put("deleteAction", "/console/services/" + Links.segment(i.service()) + "/instances/"
                + Links.segment(i.environment()) + "/delete");
        m.put("deploy", "/console/services/" + Links.segment(i.service()) + "/instances/" + Links.segment(i.environment())
                + "/deploy");
        Service s = platform.services().get(i.service());
        m.put("versions", platform.templates().list(Console.caller(ctx), s.template()).stream()
                .filter(v -> v.version().major() == s.major() && v.status() == TemplateStatus.PUBLISHED)
                .map(v -> Map.of("version", v.version().toString(), "current", v.version().equals(i.version()))).toList());
        m.put("inputs", pairs(LiveOutputs.masked(i.inputs())));
        m.put("components", i.components() == null || i.components().isNull() || i.components().isEmpty() ? null
                : i.components().toPrettyString());
        m.put("outputs", pairs(outputs(() -> platform.services().outputs(Console.caller(ctx), i.service(),
                i.environment()))));
        ctx.html(pages.render("instance", Console.withUser(ctx, m)));
    }

    /** What an environment's and an instance's pages share: the inventory row, charts and deployments. */
    private Map<String, Object> target(Context ctx, Target target, InventoryRow own) {
        MetricSeries series = platform.metrics().series(Console.caller(ctx), target, Console.WINDOW);
        Instant to = clock.instant();
        Instant from = to.minus(Console.WINDOW);
        List<MetricSample> s = series.samples();
        List<Deployment> d = series.deployments();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("target", target.toString());
        m.put("row", row(own));
        m.put("charts", List.of(
                Charts.svg("requests per second", "req/s", s, MetricSample::requestsPerSecond, d, from, to),
                Charts.svg("p99 latency", "ms", s, MetricSample::latencyP99Ms, d, from, to),
                Charts.svg("errors", "%", s, x -> 100 * x.errorRate(), d, from, to),
                Charts.svg("instances", "", s, MetricSample::instances, d, from, to)));
        m.put("sampled", !s.isEmpty());
        m.put("deployments", platform.deployments().list(Console.caller(ctx), target, 0, 20).items().stream()
                .map(RecordPages::deployment).toList());
        return m;
    }

    /** Every row that passes {@code filter}, page after page. */
    private List<InventoryRow> all(Context ctx, InventoryFilter filter) {
        List<InventoryRow> rows = new ArrayList<>();
        String after = null;
        do {
            Page<InventoryRow> p = platform.inventory().list(Console.caller(ctx), filter, after, 200);
            rows.addAll(p.items());
            after = p.next();
        } while (after != null);
        return rows;
    }

    static Map<String, Object> row(InventoryRow r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", r.kind());
        m.put("target", r.target());
        m.put("link", r.kind().equals("environment") ? "/console/environments/" + Links.segment(r.environment())
                : "/console/services/" + Links.segment(r.service()) + "/instances/" + Links.segment(r.environment()));
        m.put("team", r.team() == null ? "-" : r.team());
        m.put("template", r.template() + "@" + r.version());
        m.put("latest", r.latest() == null ? "-" : r.latest());
        m.put("status", r.status());
        m.put("outdated", r.outdated());
        m.put("deployment", r.deployment() == 0 ? null : r.deployment());
        m.put("deployedAt", Times.show(r.deployedAt()));
        return m;
    }

    private static Map<String, Object> outputs(java.util.function.Supplier<Map<String, Object>> read) {
        try {
            return new LinkedHashMap<>(read.get());
        } catch (io.jiti.api.JitiException e) { // the provider cannot say now: the page still shows
            return new LinkedHashMap<>(Map.of("(unavailable)", e.getMessage()));
        }
    }

    /** Key-value pairs for the {@code pairs} partial; null (an empty section) when there are none. */
    static Map<String, Object> pairs(Map<String, Object> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Map<String, Object>> out = new ArrayList<>();
        values.forEach((k, v) -> out.add(Map.of("key", k, "value", String.valueOf(v))));
        return Map.of("items", out);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
