package io.jiti.kubernetes;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container's environment from a resolved {@code env}: a variable that is a secret reference reads the
 * Secret ({@code secretKeyRef}); one that holds a secret inside other text ({@code DATABASE_URL}) gets it
 * through Kubernetes' {@code $(VAR)} expansion of a helper variable defined before it; a literal {@code $(}
 * is escaped. Also the files ({@code /etc/jiti/files/NAME/...}) the environment names, as volumes.
 */
final class PodEnv {
    /** Where a {@code file} particle's ConfigMap is mounted: this, then its object name. */
    static final String FILES = "/etc/jiti/files/";
    private static final Pattern FILE = Pattern.compile(Pattern.quote(FILES) + "([a-z0-9][a-z0-9-]*)/");

    private PodEnv() {
    }

    /** The variables for {@code env} (values of any JSON scalar type) plus {@code extra} first. */
    static List<EnvVar> of(Map<String, Object> env, Map<String, String> extra) {
        Map<String, String> all = new LinkedHashMap<>(extra);
        if (env != null) {
            env.forEach((k, v) -> all.put(k, String.valueOf(v)));
        }
        Map<String, String> helpers = new LinkedHashMap<>(); // marker -> helper variable
        List<EnvVar> plain = new ArrayList<>();
        for (Map.Entry<String, String> e : all.entrySet()) {
            String value = e.getValue();
            Matcher whole = SecretRef.PATTERN.matcher(value);
            if (whole.matches()) {
                plain.add(secretVar(e.getKey(), whole));
                continue;
            }
            Matcher m = SecretRef.PATTERN.matcher(value);
            StringBuilder sb = new StringBuilder();
            int last = 0;
            while (m.find()) {
                sb.append(value.substring(last, m.start()).replace("$(", "$$("));
                String helper = helpers.computeIfAbsent(m.group(), x -> "JITI_SECRET_" + helpers.size());
                sb.append("$(").append(helper).append(')');
                last = m.end();
            }
            sb.append(value.substring(last).replace("$(", "$$("));
            plain.add(new EnvVarBuilder().withName(e.getKey()).withValue(sb.toString()).build());
        }
        List<EnvVar> out = new ArrayList<>();
        helpers.forEach((marker, name) -> {
            Matcher m = SecretRef.PATTERN.matcher(marker);
            if (m.matches()) {
                out.add(secretVar(name, m));
            }
        });
        out.addAll(plain);
        return out;
    }

    private static EnvVar secretVar(String name, Matcher marker) {
        return new EnvVarBuilder().withName(name).withNewValueFrom().withNewSecretKeyRef()
                .withName(marker.group(2)).withKey(marker.group(3)).endSecretKeyRef().endValueFrom().build();
    }

    /** The object names of the file particles whose paths {@code env} mentions, in order. */
    static Set<String> files(Map<String, Object> env) {
        Set<String> out = new LinkedHashSet<>();
        if (env != null) {
            env.values().forEach(v -> {
                Matcher m = FILE.matcher(String.valueOf(v));
                while (m.find()) {
                    out.add(m.group(1));
                }
            });
        }
        return out;
    }

    /** The volume of a file particle's ConfigMap. */
    static Volume volume(String file) {
        return new VolumeBuilder().withName("file-" + file).withNewConfigMap().withName(file).endConfigMap().build();
    }

    /** Where that volume is mounted. */
    static VolumeMount mount(String file) {
        return new VolumeMountBuilder().withName("file-" + file).withMountPath(FILES + file).withReadOnly(true).build();
    }
}
