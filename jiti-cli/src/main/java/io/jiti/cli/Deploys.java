package io.jiti.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** What a command that queued a deployment prints: the deployment as JSON, a line, or its progress to the end. */
final class Deploys {
    private Deploys() {
    }

    static int report(ServerRef server, Terminal t, JsonNode deployment, boolean json, boolean noWait) {
        if (json) {
            t.line(JsonOut.write(deployment));
            return ExitCodes.OK;
        }
        if (noWait) {
            t.line("Deployment " + deployment.get("id").asLong() + " of " + deployment.get("target").asText()
                    + " queued; follow it with 'jiti deployment show " + deployment.get("id").asLong() + "'.");
            return ExitCodes.OK;
        }
        return DeploymentWait.follow(server, t, deployment);
    }
}
