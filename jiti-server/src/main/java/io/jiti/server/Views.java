package io.jiti.server;

import io.jiti.platform.deploy.LiveOutputs;
import io.jiti.platform.model.Deployment;
import io.jiti.platform.model.MetricSeries;
import io.jiti.platform.model.TemplateVersion;
import io.jiti.platform.model.User;
import java.util.LinkedHashMap;
import java.util.Map;

/** What responses show of the platform's records: sensitive inputs masked as in plans. */
final class Views {
    private Views() {
    }

    /** A template version; {@code full} adds its bundle. */
    static Map<String, Object> template(TemplateVersion v, boolean full) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", v.name());
        out.put("version", v.version().toString());
        out.put("id", v.id());
        out.put("kind", v.kind().word());
        out.put("status", v.status().word());
        out.put("description", v.description().strip());
        out.put("created", v.created());
        out.put("published", v.published());
        if (full) {
            out.put("bundle", v.bundle());
        }
        return out;
    }

    /** A user. */
    static Map<String, Object> user(User u) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", u.name());
        out.put("team", u.team());
        out.put("role", u.role().word());
        out.put("created", u.created());
        return out;
    }

    /** A deployment; {@code full} adds its plan and log. */
    static Map<String, Object> deployment(Deployment d, boolean full) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", d.id());
        out.put("target", d.target().toString());
        out.put("template", d.template());
        out.put("version", d.version().toString());
        out.put("inputs", LiveOutputs.masked(d.inputs()));
        out.put("components", d.components());
        out.put("inputsHash", d.inputsHash());
        out.put("cause", d.cause());
        out.put("requestedBy", d.requestedBy());
        out.put("status", d.status().word());
        out.put("created", d.created());
        out.put("started", d.started());
        out.put("finished", d.finished());
        out.put("message", d.message());
        if (full) {
            out.put("plan", d.plan());
            out.put("log", d.log());
        }
        return out;
    }

    static Map<String, Object> metrics(MetricSeries series) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("target", series.target().toString());
        out.put("samples", series.samples().stream().map(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("at", s.at());
            m.put("requestsPerSecond", s.requestsPerSecond());
            m.put("latencyP99Ms", s.latencyP99Ms());
            m.put("errorRate", s.errorRate());
            m.put("instances", s.instances());
            return m;
        }).toList());
        out.put("deployments", series.deployments().stream().map(d -> deployment(d, false)).toList());
        return out;
    }
}
