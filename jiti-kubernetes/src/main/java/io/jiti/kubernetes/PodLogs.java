package io.jiti.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import io.jiti.spi.LogSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/**
 * A particle's log: its pods' output, each line prefixed with the pod's name; following it streams the
 * newest pod until the thread is interrupted or the pod goes away. Pods have no build, so the build's lines
 * are none.
 */
final class PodLogs {
    private PodLogs() {
    }

    static void send(Cluster cluster, String stack, String name, boolean follow, LogSource.Lines which,
            Consumer<String> sink) {
        if (which == LogSource.Lines.BUILD) {
            return;
        }
        String ns = cluster.namespace(stack);
        List<Pod> pods = cluster.list(Pod.class, ns, Marks.selector(stack, name));
        for (Pod p : pods) {
            String log = cluster.call(() -> cluster.client().pods().inNamespace(ns).withName(p.getMetadata().getName())
                    .getLog());
            if (log != null) {
                log.lines().forEach(l -> sink.accept(p.getMetadata().getName() + " " + l));
            }
        }
        if (follow && !pods.isEmpty()) {
            Pod newest = pods.get(pods.size() - 1);
            try (LogWatch watch = cluster.client().pods().inNamespace(ns).withName(newest.getMetadata().getName())
                    .sinceSeconds(1).watchLog();
                 BufferedReader r = new BufferedReader(new InputStreamReader(watch.getOutput(), StandardCharsets.UTF_8))) {
                String line;
                while (!Thread.currentThread().isInterrupted() && (line = r.readLine()) != null) {
                    sink.accept(newest.getMetadata().getName() + " " + line);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
