package io.jiti.server.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.jiti.blueprints.Blueprint;
import io.jiti.blueprints.BlueprintVersion;
import io.jiti.platform.Catalog;
import io.jiti.platform.Platform;
import io.jiti.platform.PlatformException;
import io.jiti.platform.model.Deployment;
import io.jiti.platform.model.Environment;
import io.jiti.platform.model.Instance;
import io.jiti.platform.model.Service;
import io.jiti.platform.model.TemplateVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A service with its instances, a template version with its parameter table and contract, and the deploys a
 * developer makes from the console: an instance in another environment, or an instance on another version
 * or inputs. No approval stands in the way (yet): the domain's roles, entitlements and policies do.
 */
final class ServicePages {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Platform platform;
    private final Pages pages;

    ServicePages(Platform platform, Pages pages) {
        this.platform = platform;
        this.pages = pages;
    }

    void register(RoutesConfig r) {
        r.get("/console/services/{service}", this::service);
        r.get("/console/templates/{name}/{version}", this::template);
        r.post("/console/services/{service}/instances", ctx -> {
            Deployment d = platform.services().createInstance(Console.caller(ctx), ctx.pathParam("service"),
                    required(ctx, "environment"), inputs(ctx), null);
            ctx.redirect("/console/deployments/" + d.id(), HttpStatus.SEE_OTHER);
        });
        r.post("/console/services/{service}/instances/{environment}/delete", ctx -> {
            confirmed(ctx, ctx.pathParam("service"));
            Deployment d = platform.services().deleteInstance(Console.caller(ctx), ctx.pathParam("service"),
                    ctx.pathParam("environment"));
            ctx.redirect("/console/deployments/" + d.id(), HttpStatus.SEE_OTHER);
        });
        r.post("/console/environments/{name}/delete", ctx -> {
            confirmed(ctx, ctx.pathParam("name"));
            Deployment d = platform.environments().delete(Console.caller(ctx), ctx.pathParam("name"),
                    "true".equals(ctx.formParam("force")));
            ctx.redirect("/console/deployments/" + d.id(), HttpStatus.SEE_OTHER);
        });
        r.post("/console/services/{service}/instances/{environment}/deploy", ctx -> {
            String version = ctx.formParam("version");
            Deployment d = platform.services().updateInstance(Console.caller(ctx), ctx.pathParam("service"),
                    ctx.pathParam("environment"), version == null || version.isBlank() ? null : version.trim(),
                    inputs(ctx), null);
            ctx.redirect("/console/deployments/" + d.id(), HttpStatus.SEE_OTHER);
        });
    }

    private void service(Context ctx) {
        Service s = platform.services().get(ctx.pathParam("service"));
        List<Instance> instances = platform.services().instances(Console.caller(ctx)).stream()
                .filter(i -> i.service().equals(s.name())).toList();
        Set<String> deployed = new java.util.HashSet<>(instances.stream().map(Instance::environment).toList());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", "Service " + s.name());
        m.put("service", s.name());
        m.put("team", s.team());
        m.put("template", s.template() + "@" + s.major());
        m.put("instances", instances.stream().map(i -> Map.of("environment", i.environment(), "version",
                s.template() + "@" + i.version(), "link", "/console/services/" + Links.segment(s.name()) + "/instances/"
                        + Links.segment(i.environment()))).toList());
        m.put("environments", platform.environments().list(Console.caller(ctx)).stream().map(Environment::name)
                .filter(e -> !deployed.contains(e)).toList());
        ctx.html(pages.render("service", Console.withUser(ctx, m)));
    }

    private void template(Context ctx) {
        String name = ctx.pathParam("name");
        BlueprintVersion version = version(ctx.pathParam("version"));
        TemplateVersion v = platform.templates().version(name, version);
        Blueprint b = Catalog.read(v.bundle());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", "Template " + v.id());
        m.put("kind", v.kind().word());
        m.put("status", v.status().word());
        m.put("description", v.description());
        m.put("published", Times.show(v.published()));
        m.put("parameters", parameters(b.parameters()));
        m.put("provides", TargetPages.pairs(new LinkedHashMap<>(b.contract().provides())));
        m.put("requires", TargetPages.pairs(new LinkedHashMap<>(b.contract().requires())));
        m.put("fits", b.contract().environments().isEmpty() ? null : String.join(", ", b.contract().environments()));
        m.put("components", b.contract().components().isEmpty() ? null : String.join(", ", b.contract().components()));
        List<Map<String, Object>> members = new ArrayList<>();
        b.members().fields().forEachRemaining(e -> members.add(Map.of("name", e.getKey(), "type",
                e.getValue().path("type").asText())));
        m.put("members", members);
        ctx.html(pages.render("template", Console.withUser(ctx, m)));
    }

    private static List<Map<String, Object>> parameters(JsonNode schema) {
        Set<String> required = new java.util.HashSet<>();
        schema.path("required").forEach(n -> required.add(n.asText()));
        List<Map<String, Object>> out = new ArrayList<>();
        schema.path("properties").fields().forEachRemaining(f -> {
            JsonNode s = f.getValue();
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("name", f.getKey());
            p.put("required", required.contains(f.getKey()));
            p.put("type", s.has("enum") ? "one of " + s.get("enum") : s.path("type").isArray()
                    ? s.get("type").toString() : s.path("type").asText("any"));
            p.put("default", s.has("default") ? s.get("default").toString() : "");
            p.put("description", s.path("description").asText(""));
            out.add(p);
        });
        return out;
    }

    private static BlueprintVersion version(String text) {
        return BlueprintVersion.parse(text).orElseThrow(() -> PlatformException.notFound("version",
                "no such template version: " + text));
    }

    /** A deletion is typed out: the form's {@code confirm} must be the name of what goes. */
    private static void confirmed(Context ctx, String name) {
        if (!name.equals(ctx.formParam("confirm"))) {
            throw PlatformException.badInput("confirm", "type " + name + " to confirm the deletion");
        }
    }

    private static String required(Context ctx, String field) {
        String v = ctx.formParam(field);
        if (v == null || v.isBlank()) {
            throw PlatformException.badInput(field, field + " is required");
        }
        return v.trim();
    }

    /** The form's {@code inputs}: a JSON object, or null (blank: keep or use the defaults). */
    private static Map<String, Object> inputs(Context ctx) {
        String text = ctx.formParam("inputs");
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            Map<String, Object> in = JSON.readValue(text, new TypeReference<Map<String, Object>>() { });
            if (in == null) {
                throw PlatformException.badInput("inputs", "inputs is a JSON object, e.g. {\"instances\": 2}");
            }
            return in;
        } catch (JsonProcessingException e) {
            throw PlatformException.badInput("inputs", "inputs is a JSON object, e.g. {\"instances\": 2}: "
                    + e.getOriginalMessage());
        }
    }
}
