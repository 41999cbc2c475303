package io.jiti.server.console;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.jiti.platform.Platform;
import io.jiti.platform.PlatformException;
import io.jiti.platform.deploy.LiveOutputs;
import io.jiti.platform.model.AuditEntry;
import io.jiti.platform.model.Campaign;
import io.jiti.platform.model.CampaignItem;
import io.jiti.platform.model.Deployment;
import io.jiti.platform.model.DeploymentStatus;
import io.jiti.platform.model.Page;
import io.jiti.platform.model.Policy;
import io.jiti.platform.model.TemplateVersion;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Deployments (with the live log, retry and cancel), templates, campaigns, policies and the audit log. */
final class RecordPages {
    private final Platform platform;
    private final Pages pages;

    RecordPages(Platform platform, Pages pages) {
        this.platform = platform;
        this.pages = pages;
    }

    void register(RoutesConfig r) {
        r.get("/console/deployments", ctx -> {
            Page<Deployment> page = platform.deployments().list(Console.caller(ctx), null, number(ctx, "before"), 50);
            Map<String, Object> m = titled("Deployments");
            m.put("deployments", page.items().stream().map(RecordPages::deployment).toList());
            m.put("next", page.next() == null ? null : "/console/deployments?before=" + page.next());
            render(ctx, "deployments", m);
        });
        r.get("/console/deployments/{id}", this::deploymentPage);
        r.post("/console/deployments/{id}/retry", ctx -> {
            Deployment d = platform.deployments().retry(Console.caller(ctx), id(ctx));
            ctx.redirect("/console/deployments/" + d.id(), HttpStatus.SEE_OTHER);
        });
        r.post("/console/deployments/{id}/cancel", ctx -> {
            Deployment d = platform.deployments().cancel(Console.caller(ctx), id(ctx));
            ctx.redirect("/console/deployments/" + d.id(), HttpStatus.SEE_OTHER);
        });
        r.get("/console/templates", ctx -> {
            Map<String, Object> m = titled("Templates");
            m.put("templates", platform.templates().list(Console.caller(ctx), null).stream().map(RecordPages::template)
                    .toList());
            render(ctx, "templates", m);
        });
        r.get("/console/campaigns", ctx -> {
            Map<String, Object> m = titled("Campaigns");
            m.put("campaigns", platform.upgrades().campaigns(Console.caller(ctx), 100).items().stream()
                    .map(RecordPages::campaign).toList());
            render(ctx, "campaigns", m);
        });
        r.get("/console/campaigns/{id}", ctx -> {
            Campaign c = platform.upgrades().campaign(Console.caller(ctx), id(ctx));
            Map<String, Object> m = titled("Campaign " + c.id());
            m.put("campaign", campaign(c));
            m.put("items", c.items().stream().map(RecordPages::item).toList());
            render(ctx, "campaign", m);
        });
        r.get("/console/policies", ctx -> {
            Map<String, Object> m = titled("Policies");
            m.put("policies", platform.policies().list(Console.caller(ctx)).stream().map(RecordPages::policy).toList());
            render(ctx, "policies", m);
        });
        r.get("/console/audit", ctx -> {
            Page<AuditEntry> page = platform.audit().entries(Console.caller(ctx), number(ctx, "before"), 100);
            Map<String, Object> m = titled("Audit log");
            m.put("entries", page.items().stream().map(RecordPages::audit).toList());
            m.put("next", page.next() == null ? null : "/console/audit?before=" + page.next());
            render(ctx, "audit", m);
        });
    }

    private void deploymentPage(Context ctx) {
        Deployment d = platform.deployments().show(Console.caller(ctx), id(ctx));
        Map<String, Object> m = titled("Deployment " + d.id());
        m.put("d", deployment(d));
        m.put("plan", d.plan());
        m.put("log", d.log());
        m.put("live", !d.status().ended());
        m.put("events", "/console/deployments/" + d.id() + "/events");
        m.put("retry", d.status() == DeploymentStatus.FAILED || d.status() == DeploymentStatus.CANCELLED);
        m.put("cancel", !d.status().ended());
        m.put("inputs", TargetPages.pairs(LiveOutputs.masked(d.inputs())));
        render(ctx, "deployment", m);
    }

    private void render(Context ctx, String page, Map<String, Object> m) {
        ctx.html(pages.render(page, Console.withUser(ctx, m)));
    }

    private static Map<String, Object> titled(String title) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", title);
        return m;
    }

    private static long id(Context ctx) {
        String v = ctx.pathParam("id");
        if (!v.matches("\\d{1,18}")) {
            throw PlatformException.notFound("id", "no such page: " + v + " is not a number");
        }
        return Long.parseLong(v);
    }

    private static long number(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isEmpty()) {
            return 0;
        }
        if (!v.matches("\\d{1,18}")) {
            throw PlatformException.badInput(name, name + " is a whole number");
        }
        return Long.parseLong(v);
    }

    static Map<String, Object> deployment(Deployment d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("link", "/console/deployments/" + d.id());
        m.put("target", d.target().toString());
        m.put("targetLink", d.target().isInstance() ? "/console/services/" + Links.segment(d.target().service())
                + "/instances/" + Links.segment(d.target().environment())
                : "/console/environments/" + Links.segment(d.target().environment()));
        m.put("version", d.template() + "@" + d.version());
        m.put("status", d.status().word());
        m.put("cause", d.cause());
        m.put("by", d.requestedBy());
        m.put("created", Times.show(d.created()));
        m.put("started", Times.show(d.started()));
        m.put("finished", Times.show(d.finished()));
        m.put("message", d.message());
        return m;
    }

    private static Map<String, Object> template(TemplateVersion v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", v.id());
        m.put("link", "/console/templates/" + Links.segment(v.name()) + "/" + v.version());
        m.put("kind", v.kind().word());
        m.put("status", v.status().word());
        m.put("description", v.description());
        m.put("published", Times.show(v.published()));
        return m;
    }

    private static Map<String, Object> campaign(Campaign c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("link", "/console/campaigns/" + c.id());
        m.put("version", c.template() + "@" + c.version());
        m.put("waves", String.join(" → ", c.waves()));
        m.put("status", c.status());
        m.put("wave", c.wave());
        m.put("by", c.createdBy());
        m.put("created", Times.show(c.created()));
        m.put("finished", Times.show(c.finished()));
        m.put("message", c.message());
        return m;
    }

    private static Map<String, Object> item(CampaignItem i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("target", i.target().toString());
        m.put("wave", i.wave());
        m.put("from", i.from().toString());
        m.put("deployment", i.deployment() == 0 ? null : i.deployment());
        m.put("status", i.status());
        m.put("message", i.message());
        return m;
    }

    private static Map<String, Object> policy(Policy p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("expression", p.expression());
        m.put("message", p.message());
        m.put("effect", p.deny() ? "deny" : "warn");
        m.put("by", p.createdBy());
        m.put("created", Times.show(p.created()));
        return m;
    }

    private static Map<String, Object> audit(AuditEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", Times.show(e.at()));
        m.put("actor", e.actor());
        m.put("action", e.action());
        m.put("target", e.target());
        m.put("result", e.result());
        m.put("detail", e.detail());
        return m;
    }
}
