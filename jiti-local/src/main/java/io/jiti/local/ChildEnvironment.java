package io.jiti.local;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The environment every process jiti starts begins with, taken from the starter's own by name: what a
 * program needs to run at all ({@code PATH}, {@code HOME}, {@code USER}, {@code LOGNAME}, {@code LANG},
 * {@code LC_*}, {@code TZ}, {@code TMPDIR}, {@code JAVA_HOME}) and, for builds only, what build tools
 * read to reach their registries ({@code http_proxy}, {@code https_proxy}, {@code no_proxy} in either
 * case, {@code MAVEN_OPTS}, {@code GRADLE_OPTS}, {@code GRADLE_USER_HOME}, {@code NPM_CONFIG_REGISTRY},
 * {@code PIP_INDEX_URL}). Nothing else of the shell that ran {@code jiti} reaches a child: its config is
 * what the stack says ({@code env}, {@code connect}), as twelve-factor apps expect.
 */
public final class ChildEnvironment {
    private static final List<String> RUN = List.of("PATH", "HOME", "USER", "LOGNAME", "LANG", "LANGUAGE", "LC_ALL",
            "LC_CTYPE", "LC_MESSAGES", "LC_NUMERIC", "LC_TIME", "LC_COLLATE", "TZ", "TMPDIR", "JAVA_HOME");
    private static final List<String> BUILD = List.of("http_proxy", "https_proxy", "no_proxy", "HTTP_PROXY",
            "HTTPS_PROXY", "NO_PROXY", "MAVEN_OPTS", "GRADLE_OPTS", "GRADLE_USER_HOME", "NPM_CONFIG_REGISTRY",
            "PIP_INDEX_URL");
    /** When the starter has no {@code PATH}: the usual system directories. */
    private static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";

    private ChildEnvironment() {
    }

    /** The base for a program run by jiti (an instance, a job, a server, the agent itself). */
    public static Map<String, String> forRun(Map<String, String> starter) {
        Map<String, String> out = pick(starter, RUN);
        out.putIfAbsent("PATH", DEFAULT_PATH);
        return out;
    }

    /** The base for a build, which may also need to reach its tool's registry. */
    public static Map<String, String> forBuild(Map<String, String> starter) {
        Map<String, String> out = forRun(starter);
        out.putAll(pick(starter, BUILD));
        return out;
    }

    /** Makes {@code pb}'s environment exactly {@code base} plus {@code own} (which wins). */
    public static void apply(ProcessBuilder pb, Map<String, String> base, Map<String, String> own) {
        Map<String, String> env = pb.environment();
        env.clear();
        env.putAll(base);
        env.putAll(own);
    }

    private static Map<String, String> pick(Map<String, String> from, List<String> names) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String n : names) {
            String v = from.get(n);
            if (v != null) {
                out.put(n, v);
            }
        }
        return out;
    }
}
