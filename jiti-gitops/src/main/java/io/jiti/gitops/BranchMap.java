package io.jiti.gitops;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which environments a push to a branch deploys: rules {@code PATTERN → ENV}, in order, where a pattern is
 * a branch name or a glob ({@code *} within one path segment, {@code **} across segments): {@code main → test},
 * {@code release/* → staging}. A branch may match several rules and deploys each environment once.
 *
 * @param rules the rules, in the order given
 */
public record BranchMap(List<Rule> rules) {
    private static final Pattern BRANCH = Pattern.compile("[A-Za-z0-9._/*-]+");

    public BranchMap {
        rules = List.copyOf(rules);
    }

    /** One rule. */
    public record Rule(String pattern, String environment) {
        public Rule {
            if (!BRANCH.matcher(pattern).matches() || pattern.startsWith("/") || pattern.endsWith("/")
                    || pattern.contains("//")) {
                throw new IllegalArgumentException("'" + pattern + "' is not a branch name or glob (letters, digits, "
                        + "., _, -, / and *)");
            }
        }

        boolean matches(String branch) {
            return glob(pattern).matcher(branch).matches();
        }
    }

    /** The rules of {@code map} (pattern → environment), in its iteration order. */
    public static BranchMap of(Map<String, String> map) {
        List<Rule> rules = new ArrayList<>();
        map.forEach((p, e) -> rules.add(new Rule(p, e)));
        return new BranchMap(rules);
    }

    /** The environments a push to {@code branch} deploys, in rule order, each once. */
    public List<String> environmentsFor(String branch) {
        Set<String> out = new LinkedHashSet<>();
        for (Rule r : rules) {
            if (r.matches(branch)) {
                out.add(r.environment());
            }
        }
        return List.copyOf(out);
    }

    /** The branch whose pushes deploy {@code environment}: the first rule naming it that is a plain name. */
    public java.util.Optional<String> branchOf(String environment) {
        return rules.stream().filter(r -> r.environment().equals(environment) && !r.pattern().contains("*"))
                .map(Rule::pattern).findFirst();
    }

    private static Pattern glob(String pattern) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*' && i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
                re.append(".*");
                i++;
            } else if (c == '*') {
                re.append("[^/]*");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }
}
