package io.jiti.platform.deploy;

import io.jiti.engine.ApplyListener;
import io.jiti.engine.ApplyOptions;
import io.jiti.engine.Reconciler;
import io.jiti.load.Reference;
import io.jiti.load.References;
import io.jiti.platform.PlatformException;
import io.jiti.platform.model.Deployment;
import io.jiti.platform.model.Environment;
import io.jiti.platform.model.Target;
import io.jiti.platform.model.TemplateVersion;
import io.jiti.plan.Diffs;
import io.jiti.platform.store.Store;
import io.jiti.spi.Observed;
import io.jiti.spi.Provider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A target's outputs, read live from its provider (never stored): the references its template's outputs
 * stand for, resolved against what the provider observes of its stack as last deployed successfully. An
 * instance's stack is built with its environment's outputs, read the same way.
 */
public final class LiveOutputs {
    private final Store store;
    private final StackBuilder builder;

    /** Reads outputs of targets in {@code store}, their stacks built by {@code builder}. */
    public LiveOutputs(Store store, StackBuilder builder) {
        this.store = store;
        this.builder = builder;
    }

    /** The outputs of {@code environment} on {@code provider}; a conflict when it never deployed successfully. */
    public Map<String, Object> read(Environment environment, Provider provider) {
        return read(environment.target(), environment, provider);
    }

    /** The outputs of {@code target} (in {@code environment}) on {@code provider}. */
    public Map<String, Object> read(Target target, Environment environment, Provider provider) {
        Deployment last = store.lastSucceeded(target, 0).orElseThrow(() -> PlatformException.conflict(
                target.isInstance() ? "target" : "environment", target + " has no successful deployment yet"));
        if (last.fromSource()) {
            return sourceOutputs(target, provider);
        }
        TemplateVersion version = store.template(last.template(), last.version()).orElseThrow();
        Map<String, String> bound = target.isInstance() ? strings(read(environment, provider)) : null;
        StackBuilder.Built built = builder.build(target, environment.provider(), version, last.inputs(),
                last.components(), bound);
        Map<String, Observed> live = new Reconciler(provider, ApplyListener.none(), ApplyOptions.defaults())
                .observe(built.stack().name());
        Map<String, Object> out = new LinkedHashMap<>();
        built.template().outputs().forEach((name, ref) -> {
            List<Reference> refs = References.find(ref, new ArrayList<>());
            Observed o = refs.isEmpty() ? null : live.get(refs.get(0).particle());
            Object value = o == null ? null : o.outputs().get(refs.get(0).output());
            if (value != null) {
                out.put(name, value);
            }
        });
        return out;
    }

    /**
     * The outputs of an instance built from its source: every output of its particles but the config secrets,
     * as {@code PARTICLE.OUTPUT} ({@code web.app.url}), and {@code url} when exactly one particle has one.
     */
    private static Map<String, Object> sourceOutputs(Target target, Provider provider) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<Object> urls = new ArrayList<>();
        new Reconciler(provider, ApplyListener.none(), ApplyOptions.defaults()).observe(target.stack()).values().stream()
                .filter(o -> !o.type().equals("secret"))
                .forEach(o -> o.outputs().forEach((k, v) -> {
                    out.put(o.name() + "." + k, v);
                    if (k.equals("url")) {
                        urls.add(v);
                    }
                }));
        if (urls.size() == 1) {
            out.put("url", urls.get(0));
        }
        return out;
    }

    /** Outputs as the strings {@code ${environment.NAME}} is bound to. */
    public static Map<String, String> strings(Map<String, Object> outputs) {
        Map<String, String> out = new LinkedHashMap<>();
        outputs.forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }

    /**
     * {@code values} as every interface shows them: a value whose name says it is sensitive (as in plans),
     * or a URL with a password in it whatever its name, is masked.
     */
    public static Map<String, Object> masked(Map<String, Object> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, Diffs.sensitive(k) || sensitiveValue(v) ? Diffs.MASK : v));
        return out;
    }

    private static boolean sensitiveValue(Object v) {
        return v instanceof String s && s.matches("(?s)[a-z][a-z0-9+.-]*://[^/@\\s]*:[^/@\\s]*@.*");
    }
}
