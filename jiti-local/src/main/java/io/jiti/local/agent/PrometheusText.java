package io.jiti.local.agent;

import io.jiti.proxy.LatencyHistogram;
import io.jiti.proxy.MetricsSnapshot;
import java.util.Collection;
import java.util.Locale;

/** The agent's services' metrics in the Prometheus text exposition format (version 0.0.4). */
final class PrometheusText {
    private PrometheusText() {
    }

    static String of(Collection<ServiceRuntime> services) {
        StringBuilder out = new StringBuilder();
        help(out, "jiti_requests_total", "counter", "Requests received by the service's load balancer.");
        each(services, out, (m, s, labels) -> line(out, "jiti_requests_total", labels, m.requests()));
        help(out, "jiti_requests_in_flight", "gauge", "Requests whose response has not ended.");
        each(services, out, (m, s, labels) -> line(out, "jiti_requests_in_flight", labels, m.inFlight()));
        help(out, "jiti_server_errors_total", "counter", "5xx responses from instances.");
        each(services, out, (m, s, labels) -> line(out, "jiti_server_errors_total", labels, m.serverErrors()));
        help(out, "jiti_proxy_errors_total", "counter", "Error responses the load balancer made (502, 503, 504, 413).");
        each(services, out, (m, s, labels) -> line(out, "jiti_proxy_errors_total", labels, m.proxyErrors()));
        help(out, "jiti_retries_total", "counter", "Requests tried again on another instance.");
        each(services, out, (m, s, labels) -> line(out, "jiti_retries_total", labels, m.retries()));
        help(out, "jiti_instances", "gauge", "Instances running.");
        each(services, out, (m, s, labels) -> line(out, "jiti_instances", labels, s.instanceCount()));
        help(out, "jiti_request_duration_seconds", "histogram", "Time from request to the end of its response.");
        each(services, out, (m, s, labels) -> {
            long[] counts = m.latencyCounts();
            long cumulative = 0;
            for (int i = 0; i < counts.length; i++) {
                cumulative += counts[i];
                String le = i == counts.length - 1 ? "+Inf"
                        : String.format(Locale.ROOT, "%.6g", LatencyHistogram.upperSeconds(i));
                line(out, "jiti_request_duration_seconds_bucket", labels + ",le=\"" + le + "\"", cumulative);
            }
            out.append("jiti_request_duration_seconds_sum{").append(labels).append("} ")
                    .append(String.format(Locale.ROOT, "%.6f", m.latencySeconds())).append('\n');
            line(out, "jiti_request_duration_seconds_count", labels, cumulative);
        });
        return out.toString();
    }

    private interface Writer {
        void write(MetricsSnapshot m, ServiceRuntime s, String labels);
    }

    private static void each(Collection<ServiceRuntime> services, StringBuilder out, Writer w) {
        for (ServiceRuntime s : services) {
            MetricsSnapshot m = s.proxyMetrics();
            if (m != null) {
                w.write(m, s, "stack=\"" + s.record().stack() + "\",service=\"" + s.record().name() + "\"");
            }
        }
    }

    private static void help(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void line(StringBuilder out, String name, String labels, long value) {
        out.append(name).append('{').append(labels).append("} ").append(value).append('\n');
    }
}
