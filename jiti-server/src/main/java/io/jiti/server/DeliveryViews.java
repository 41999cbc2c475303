package io.jiti.server;

import io.jiti.gitops.RemoteUrl;
import io.jiti.platform.model.Pipeline;
import io.jiti.platform.model.Release;
import io.jiti.platform.model.Source;
import io.jiti.platform.model.Stage;
import io.jiti.platform.model.WebhookDelivery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Delivery's JSON views: sources (never a secret, a URL without its password), releases, deliveries, pipelines. */
final class DeliveryViews {
    private DeliveryViews() {
    }

    static Map<String, Object> source(Source s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("service", s.service());
        out.put("url", new RemoteUrl(s.url()).display());
        out.put("path", s.path());
        out.put("branches", s.branches());
        out.put("pollSeconds", s.pollSeconds());
        out.put("settleSeconds", s.settleSeconds());
        out.put("webhooks", Map.of("github", "/hooks/github/" + s.service(), "gitlab", "/hooks/gitlab/" + s.service()));
        out.put("created", s.created());
        return out;
    }

    static Map<String, Object> templateSource(io.jiti.platform.model.TemplateSource t) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", t.name());
        out.put("url", new RemoteUrl(t.url()).display());
        out.put("branch", t.branch());
        out.put("publish", t.publish());
        out.put("pollSeconds", t.pollSeconds());
        out.put("createdBy", t.createdBy());
        out.put("webhook", "/hooks/github/templates/" + t.name());
        out.put("created", t.created());
        return out;
    }

    static Map<String, Object> release(Release r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", r.id());
        out.put("release", r.label());
        out.put("number", r.number());
        out.put("service", r.service());
        out.put("environment", r.environment());
        out.put("commit", r.commit());
        out.put("branch", r.branch());
        out.put("configHash", r.configHash());
        out.put("version", r.version().toString());
        out.put("trigger", r.trigger());
        out.put("triggeredBy", r.triggeredBy());
        out.put("deployment", r.deployment());
        out.put("status", r.status().word());
        out.put("note", r.note());
        out.put("git", r.git());
        out.put("settleUntil", r.settleUntil());
        out.put("expires", r.expires());
        out.put("decidedBy", r.decidedBy());
        out.put("created", r.created());
        out.put("updated", r.updated());
        return out;
    }

    static Map<String, Object> delivery(WebhookDelivery d) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", d.id());
        out.put("via", d.via());
        out.put("delivery", d.delivery());
        out.put("branch", d.branch());
        out.put("commit", d.commit());
        out.put("result", d.result());
        out.put("reason", d.reason());
        out.put("at", d.at());
        return out;
    }

    static Map<String, Object> pipeline(Pipeline p) {
        List<Map<String, Object>> stages = new ArrayList<>();
        for (Stage s : p.stages()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", s.name());
            m.put("environments", s.environments());
            if (s.approval()) {
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("role", s.approverRole());
                a.put("team", s.approverTeam());
                a.put("fourEyes", s.fourEyes());
                a.put("expiresAfterSeconds", s.approvalTtl().toSeconds());
                m.put("approval", a);
            }
            stages.add(m);
        }
        return Map.of("service", p.service(), "stages", stages);
    }
}
