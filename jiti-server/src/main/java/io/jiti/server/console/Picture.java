package io.jiti.server.console;

import io.jiti.platform.model.InventoryRow;
import java.util.List;
import java.util.Set;

/**
 * An environment drawn as inline SVG: its own box (template version, last deployment, the outputs it
 * provides) above one box per service instance in it, each linked to its page and coloured by its last
 * deployment's status, an outdated one marked.
 */
final class Picture {
    private static final int BOX_W = 170;
    private static final int BOX_H = 64;
    private static final int GAP = 20;

    private Picture() {
    }

    static String svg(InventoryRow environment, Set<String> outputs, List<InventoryRow> instances) {
        int columns = Math.max(1, instances.size());
        int width = Math.max(BOX_W * 2, columns * (BOX_W + GAP) + GAP);
        int height = instances.isEmpty() ? BOX_H + 2 * GAP : 2 * BOX_H + 4 * GAP;
        StringBuilder b = new StringBuilder("<svg class=\"picture\" role=\"img\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\" width=\"").append(width).append("\" height=\"").append(height).append("\">")
                .append("<title>").append(Pages.escape("environment " + environment.environment())).append("</title>");
        int envX = (width - BOX_W) / 2;
        for (int i = 0; i < instances.size(); i++) {
            int x = GAP + i * (BOX_W + GAP);
            b.append("<line class=\"link\" x1=\"").append(envX + BOX_W / 2).append("\" y1=\"").append(GAP + BOX_H)
                    .append("\" x2=\"").append(x + BOX_W / 2).append("\" y2=\"").append(3 * GAP + BOX_H).append("\"/>");
        }
        box(b, envX, GAP, "environment " + environment.environment(),
                environment.template() + "@" + environment.version(), "provides " + String.join(", ", outputs),
                environment, "/console/environments/" + Links.segment(environment.environment()));
        for (int i = 0; i < instances.size(); i++) {
            InventoryRow r = instances.get(i);
            box(b, GAP + i * (BOX_W + GAP), 3 * GAP + BOX_H, r.service(), r.template() + "@" + r.version()
                    + (r.outdated() ? " (outdated)" : ""), "team " + (r.team() == null ? "-" : r.team()), r,
                    "/console/services/" + Links.segment(r.service()) + "/instances/" + Links.segment(r.environment()));
        }
        return b.append("</svg>").toString();
    }

    private static void box(StringBuilder b, int x, int y, String title, String line1, String line2, InventoryRow row,
            String href) {
        b.append("<a href=\"").append(Pages.escape(href)).append("\"><g class=\"box ").append(Pages.escape(row.status()))
                .append(row.outdated() ? " outdated" : "").append("\"><rect x=\"").append(x).append("\" y=\"").append(y)
                .append("\" width=\"").append(BOX_W).append("\" height=\"").append(BOX_H).append("\" rx=\"6\"/>");
        text(b, x + 8, y + 18, "name", title);
        text(b, x + 8, y + 36, "detail", line1);
        text(b, x + 8, y + 52, "detail", line2 + " · " + row.status());
        b.append("</g></a>");
    }

    private static void text(StringBuilder b, int x, int y, String css, String text) {
        String shown = text.length() > 28 ? text.substring(0, 27) + "…" : text;
        b.append("<text class=\"").append(css).append("\" x=\"").append(x).append("\" y=\"").append(y).append("\">")
                .append(Pages.escape(shown)).append("</text>");
    }
}
