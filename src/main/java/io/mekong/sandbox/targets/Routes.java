package io.mekong.sandbox.targets;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The endpoints of a simulated target: a method and a path template with {@code {placeholders}} each, matched in the
 * order added (so a literal path goes before a placeholder that would take it). The template names the endpoint in
 * the call counts, so they stay a handful however many records are addressed.
 */
final class Routes {

    private record Route(String method, String template, Pattern pattern, TargetEndpoint handler) {
    }

    /**
     * What a path found: the endpoint's name and handler with the placeholders' values, or none (handler null) with
     * the methods the path allows, if it matched any template under another method.
     */
    record Match(String endpoint, TargetEndpoint handler, List<String> params, Set<String> allowed) {
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[a-zA-Z_]+}");

    private final List<Route> routes = new ArrayList<>();

    void add(String method, String template, TargetEndpoint handler) {
        StringBuilder regex = new StringBuilder();
        Matcher m = PLACEHOLDER.matcher(template);
        int at = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(at, m.start()))).append("([^/]+)");
            at = m.end();
        }
        regex.append(Pattern.quote(template.substring(at)));
        routes.add(new Route(method, template, Pattern.compile(regex.toString()), handler));
    }

    Match match(String method, String path) {
        Set<String> allowed = new TreeSet<>();
        for (Route route : routes) {
            Matcher m = route.pattern().matcher(path);
            if (!m.matches()) {
                continue;
            }
            if (route.method().equals(method)) {
                List<String> params = new ArrayList<>(m.groupCount());
                for (int i = 1; i <= m.groupCount(); i++) {
                    params.add(TargetRequest.decodePathSegment(m.group(i)));
                }
                return new Match(method + " " + route.template(), route.handler(), params, Set.of());
            }
            allowed.add(route.method());
        }
        return new Match(method + " (unknown)", null, List.of(), allowed);
    }
}
