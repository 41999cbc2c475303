package io.jiti.server.console;

import io.jiti.platform.model.Deployment;
import io.jiti.platform.model.MetricSample;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Line charts as inline SVG (no script, no library): one figure of a target's samples over a window, with
 * a vertical mark at each deployment (its id, version and status in the mark's title).
 */
final class Charts {
    static final int WIDTH = 560;
    static final int HEIGHT = 140;
    private static final int LEFT = 48;
    private static final int BOTTOM = 20;
    private static final int TOP = 8;

    private Charts() {
    }

    /** A chart titled {@code title} of {@code figure} over {@code [from, to]}. */
    static String svg(String title, String unit, List<MetricSample> samples, ToDoubleFunction<MetricSample> figure,
            List<Deployment> deployments, Instant from, Instant to) {
        double max = samples.stream().mapToDouble(figure).max().orElse(0);
        double top = max <= 0 ? 1 : niceCeiling(max);
        StringBuilder b = new StringBuilder();
        b.append("<svg class=\"chart\" role=\"img\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT).append("\" data-samples=\"")
                .append(samples.size()).append("\" data-max=\"").append(number(max)).append("\"><title>")
                .append(Pages.escape(title)).append("</title>");
        b.append("<text x=\"4\" y=\"12\" class=\"axis\">").append(number(top)).append(' ').append(Pages.escape(unit))
                .append("</text><text x=\"4\" y=\"").append(HEIGHT - BOTTOM).append("\" class=\"axis\">0</text>");
        b.append("<line class=\"frame\" x1=\"").append(LEFT).append("\" y1=\"").append(HEIGHT - BOTTOM).append("\" x2=\"")
                .append(WIDTH).append("\" y2=\"").append(HEIGHT - BOTTOM).append("\"/>");
        for (Deployment d : deployments) {
            double x = x(d.created(), from, to);
            b.append("<line class=\"deployment ").append(d.status().word()).append("\" x1=\"").append(number(x))
                    .append("\" y1=\"").append(TOP).append("\" x2=\"").append(number(x)).append("\" y2=\"")
                    .append(HEIGHT - BOTTOM).append("\"><title>").append(Pages.escape("deployment " + d.id() + ": "
                            + d.template() + "@" + d.version() + " " + d.status().word())).append("</title></line>");
        }
        if (!samples.isEmpty()) {
            b.append("<polyline class=\"figure\" points=\"");
            for (MetricSample s : samples) {
                double y = HEIGHT - BOTTOM - (HEIGHT - BOTTOM - TOP) * figure.applyAsDouble(s) / top;
                b.append(number(x(s.at(), from, to))).append(',').append(number(y)).append(' ');
            }
            b.append("\"/>");
            MetricSample last = samples.get(samples.size() - 1);
            b.append("<circle class=\"now\" r=\"3\" cx=\"").append(number(x(last.at(), from, to))).append("\" cy=\"")
                    .append(number(HEIGHT - BOTTOM - (HEIGHT - BOTTOM - TOP) * figure.applyAsDouble(last) / top))
                    .append("\"><title>").append(Pages.escape(number(figure.applyAsDouble(last)) + " " + unit + " at "
                            + Times.show(last.at()))).append("</title></circle>");
        } else {
            b.append("<text x=\"").append(WIDTH / 2 - 40).append("\" y=\"").append(HEIGHT / 2)
                    .append("\" class=\"axis\">no samples yet</text>");
        }
        b.append("<text x=\"").append(LEFT).append("\" y=\"").append(HEIGHT - 4).append("\" class=\"axis\">")
                .append(Pages.escape(title)).append("</text></svg>");
        return b.toString();
    }

    private static double x(Instant at, Instant from, Instant to) {
        double span = Math.max(1, to.toEpochMilli() - from.toEpochMilli());
        double f = (at.toEpochMilli() - from.toEpochMilli()) / span;
        return LEFT + (WIDTH - LEFT) * Math.max(0, Math.min(1, f));
    }

    /** The smallest of 1, 2 or 5 times a power of ten at or above {@code v}. */
    static double niceCeiling(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
