package io.jiti.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenAPI document: served as committed in docs/, valid to a third-party parser, covering every route. */
class OpenApiIT {

    @Test
    void theDocumentIsServedValidAndComplete(@TempDir Path home) throws Exception {
        try (ServerFixture f = new ServerFixture(home)) {
            var served = f.call("GET", "/api/v1/openapi.json", f.admin, null);
            assertThat(served.status()).isEqualTo(200);
            assertThat(f.call("GET", "/api/v1/openapi.json", null, null).status()).isEqualTo(401);
            String committed = Files.readString(Path.of("../docs/openapi.json"));
            assertThat(served.text()).isEqualTo(committed);

            SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(committed);
            assertThat(parsed.getMessages()).isEmpty();
            OpenAPI api = parsed.getOpenAPI();
            assertThat(api.getOpenapi()).isEqualTo("3.1.0");

            List<String> documented = new ArrayList<>();
            api.getPaths().forEach((path, item) -> item.readOperationsMap().keySet().forEach(m ->
                    documented.add(m.name().toLowerCase(java.util.Locale.ROOT) + " " + path)));
            List<String> routes = f.server.routes().stream().filter(r -> !r.startsWith("before ")
                    && !r.startsWith("after ") && !r.contains(" /console")).distinct().toList(); // the console is HTML
            assertThat(documented).containsExactlyInAnyOrderElementsOf(routes);
            PathItem problems = api.getPaths().get("/api/v1/teams");
            assertThat(problems.getPost().getResponses().get("400").getContent()).containsKey("application/problem+json");
        }
    }
}
