package io.jiti.local.agent;

import io.jiti.load.ConnectTemplate;
import io.jiti.load.TypeCatalog;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment of a one-off process ({@code jiti run NAME -- COMMAND}) beside a particle, beyond the base
 * environment: a service's or job's own ({@code env} and {@code connect}, secrets revealed, as its instances
 * get it), or, for a particle others connect to (postgres, bucket, queue, table), what a process that
 * connects to it gets ({@code PG*}, {@code DATABASE_URL}, {@code AWS_*}). Values go nowhere but into that
 * process.
 */
final class OneOffEnvironment {
    private static final Pattern OUTPUT = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");

    private OneOffEnvironment() {
    }

    /** The variables for {@code live} (its record {@code rec}), or null when the type offers none. */
    static Map<String, String> of(ParticleRecord rec, Live live, Env env) {
        if (rec.type().equals("service") || rec.type().equals("job")) {
            return env.of(rec);
        }
        ConnectTemplate t = TypeCatalog.forProvider("local").type(rec.type()).map(i -> i.connect()).orElse(null);
        if (t == null) {
            return null;
        }
        Map<String, String> vars = new LinkedHashMap<>();
        t.defaults().forEach((k, v) -> vars.put(k, fill(v, live.outputs())));
        t.env().forEach((k, v) -> vars.put(k, fill(v, live.outputs())));
        vars.put("JITI_STACK", rec.stack());
        vars.put("JITI_PARTICLE", rec.name());
        return env.reveal(vars, rec);
    }

    private static String fill(String template, Map<String, Object> outputs) {
        Matcher m = OUTPUT.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object v = outputs.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(v == null ? "" : String.valueOf(v)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
