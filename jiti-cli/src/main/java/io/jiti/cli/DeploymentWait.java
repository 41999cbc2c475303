package io.jiti.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.locks.LockSupport;

/** Follows a deployment until it ends, printing its log as it grows; 0 when it succeeded, 1 otherwise. */
final class DeploymentWait {
    private static final long POLL_NANOS = 300_000_000L;

    private DeploymentWait() {
    }

    static int follow(ServerRef server, Terminal t, JsonNode queued) {
        long id = queued.get("id").asLong();
        t.line("Deployment " + id + " of " + queued.path("target").asText() + " (" + queued.path("template").asText() + "@"
                + queued.path("version").asText() + ") queued; following it (Ctrl-C stops following, not the deployment).");
        int printed = 0;
        while (true) {
            JsonNode d = server.get("/api/v1/deployments/" + id);
            String log = d.path("log").asText("");
            if (log.length() > printed) {
                log.substring(printed).lines().forEach(l -> t.line("  " + t.dim(l)));
                printed = log.length();
            }
            String status = d.path("status").asText();
            if (status.equals("succeeded")) {
                t.line(t.green("Deployment " + id + " succeeded") + ": " + d.path("message").asText());
                return ExitCodes.OK;
            }
            if (status.equals("failed") || status.equals("cancelled")) {
                t.error(t.red("Deployment " + id + " " + status) + ": " + d.path("message").asText());
                t.error("Retry it with 'jiti deployment retry " + id + "', or go back with 'jiti deployment rollback "
                        + d.path("target").asText() + "'.");
                return ExitCodes.FAILED;
            }
            LockSupport.parkNanos(POLL_NANOS);
            if (Thread.interrupted()) {
                return ExitCodes.FAILED;
            }
        }
    }
}
