package io.mekong.connector.stream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The parts of a page request that paginators and cursors fill in before it is built: GraphQL variables, or a
 * REST request's query parameters (ordered; a name may repeat).
 */
public record PageRequest(ObjectNode variables, List<Map.Entry<String, String>> params) {

    public PageRequest(ObjectNode variables) {
        this(variables, new ArrayList<>());
    }

    /** Sets a query parameter: in the place of an earlier value of the same name, else last. */
    public void param(String name, String value) {
        for (int i = 0; i < params.size(); i++) {
            if (params.get(i).getKey().equals(name)) {
                params.set(i, Map.entry(name, value));
                params.subList(i + 1, params.size()).removeIf(p -> p.getKey().equals(name));
                return;
            }
        }
        params.add(Map.entry(name, value));
    }
}
