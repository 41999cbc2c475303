package io.jiti.server.console;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.jiti.gitops.RemoteUrl;
import io.jiti.platform.Caller;
import io.jiti.platform.Platform;
import io.jiti.platform.PlatformException;
import io.jiti.platform.model.Instance;
import io.jiti.platform.model.Pipeline;
import io.jiti.platform.model.Release;
import io.jiti.platform.model.ReleaseStatus;
import io.jiti.platform.model.Stage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A service's delivery: its source, its pipeline with each stage's live release, the releases waiting for an
 * approval (approve, reject), each environment's release timeline (roll back), and the webhook deliveries.
 */
final class DeliveryPages {
    private final Platform platform;
    private final Pages pages;

    DeliveryPages(Platform platform, Pages pages) {
        this.platform = platform;
        this.pages = pages;
    }

    void register(RoutesConfig r) {
        r.get("/console/services/{service}/delivery", this::page);
        r.post("/console/services/{service}/releases/{environment}/{number}/approve", ctx -> decide(ctx, true));
        r.post("/console/services/{service}/releases/{environment}/{number}/reject", ctx -> decide(ctx, false));
        r.post("/console/services/{service}/rollback/{environment}", ctx -> {
            platform.releases().rollback(Console.caller(ctx), ctx.pathParam("service"), ctx.pathParam("environment"), null);
            back(ctx);
        });
    }

    private void decide(Context ctx, boolean approve) {
        Caller caller = Console.caller(ctx);
        int number = number(ctx.pathParam("number"));
        if (approve) {
            platform.pipelines().approve(caller, ctx.pathParam("service"), number, ctx.pathParam("environment"));
        } else {
            platform.pipelines().reject(caller, ctx.pathParam("service"), number, ctx.pathParam("environment"));
        }
        back(ctx);
    }

    private static void back(Context ctx) {
        ctx.redirect("/console/services/" + Links.segment(ctx.pathParam("service")) + "/delivery", HttpStatus.SEE_OTHER);
    }

    private void page(Context ctx) {
        Caller caller = Console.caller(ctx);
        String service = platform.services().get(ctx.pathParam("service")).name();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", "Delivery of " + service);
        m.put("service", service);
        m.put("serviceLink", "/console/services/" + Links.segment(service));
        try {
            var src = platform.sources().get(caller, service);
            m.put("source", Map.of("url", new RemoteUrl(src.url()).display(), "path", src.path(), "branches",
                    src.branches().toString(), "poll", src.pollSeconds() == 0 ? "never" : src.pollSeconds() + " s",
                    "settle", src.settleSeconds() + " s"));
        } catch (PlatformException e) {
            m.put("source", null);
        }
        List<Release> all = platform.releases().list(caller, service, null, 0, 200).items();
        Optional<Pipeline> pipeline = platform.pipelines().get(caller, service);
        m.put("stages", stages(service, pipeline, all));
        m.put("pending", all.stream().filter(x -> x.status() == ReleaseStatus.AWAITING_APPROVAL).map(this::row).toList());
        Set<String> envs = new LinkedHashSet<>();
        pipeline.ifPresent(p -> p.stages().forEach(s -> envs.addAll(s.environments())));
        platform.services().instances(caller).stream().filter(i -> i.service().equals(service))
                .map(Instance::environment).forEach(envs::add);
        List<Map<String, Object>> timelines = new ArrayList<>();
        for (String env : envs) {
            List<Map<String, Object>> rows = all.stream().filter(x -> x.environment().equals(env)).map(this::row).toList();
            timelines.add(Map.of("environment", env, "releases", rows, "any", !rows.isEmpty()));
        }
        m.put("timelines", timelines);
        m.put("deliveries", platform.delivery().deliveries(caller, service, 0, 20).items().stream().map(d -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("at", Times.show(d.at()));
            row.put("via", d.via());
            row.put("branch", d.branch() == null ? "" : d.branch());
            row.put("commit", d.commit() == null ? "" : d.commit().substring(0, 12));
            row.put("result", d.result());
            row.put("reason", d.reason());
            return row;
        }).toList());
        ctx.html(pages.render("delivery", Console.withUser(ctx, m)));
    }

    private List<Map<String, Object>> stages(String service, Optional<Pipeline> pipeline, List<Release> all) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (pipeline.isEmpty()) {
            return out;
        }
        for (Stage s : pipeline.get().stages()) {
            List<Map<String, Object>> envs = new ArrayList<>();
            for (String env : s.environments()) {
                Optional<Release> live = all.stream().filter(x -> x.environment().equals(env)
                        && x.status() == ReleaseStatus.LIVE).findFirst();
                envs.add(Map.of("environment", env, "live", live.map(x -> x.label() + " · " + x.shortCommit())
                        .orElse("nothing live")));
            }
            out.add(Map.of("name", s.name(), "environments", envs, "gate", s.approval() ? "approval by "
                    + (s.approverTeam() != null ? "team " + s.approverTeam() : s.approverRole())
                    + (s.fourEyes() ? ", four eyes" : "") : "automatic"));
        }
        return out;
    }

    private Map<String, Object> row(Release x) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("release", x.label());
        row.put("number", x.number());
        row.put("environment", x.environment());
        row.put("commit", x.shortCommit());
        row.put("status", x.status().word());
        row.put("trigger", x.trigger());
        row.put("by", x.triggeredBy());
        row.put("at", Times.show(x.created()));
        row.put("note", x.note() + (x.git().isEmpty() ? "" : " · git: " + x.git()));
        row.put("deployment", x.deployment() == null ? null : "/console/deployments/" + x.deployment());
        row.put("base", "/console/services/" + Links.segment(x.service()) + "/releases/" + Links.segment(x.environment())
                + "/" + x.number());
        return row;
    }

    private static int number(String text) {
        return io.jiti.platform.model.Release.number(text).orElseThrow(() ->
                PlatformException.badInput("number", "a release number, such as 12"));
    }
}
