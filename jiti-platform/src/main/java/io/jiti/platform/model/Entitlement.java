package io.jiti.platform.model;

import java.util.List;

/**
 * What a team may use: a template major, in some environments.
 *
 * @param team         the team
 * @param template     the service template
 * @param major        its major
 * @param environments where its instances may be deployed (empty: nowhere yet)
 */
public record Entitlement(String team, String template, int major, List<String> environments) {

    public Entitlement {
        environments = List.copyOf(environments);
    }
}
