package io.mekong.connector.stream;

import graphql.language.AstPrinter;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.OperationDefinition;
import graphql.language.SelectionSet;
import graphql.parser.Parser;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The GraphQL operation that reads records of a stream by id: the lookup field once per id, aliased {@code r0},
 * {@code r1}, …, each with the selection set the stream's own query reads per record ({@code nodes} or
 * {@code edges.node} of its root connection), so a looked-up record has exactly the listed shape.
 */
final class LookupQuery {

    private final String field;
    private final String selection;
    private final String fragments;

    LookupQuery(String streamQuery, String field) {
        Document document = Parser.parse(streamQuery);
        OperationDefinition operation = document.getDefinitionsOfType(OperationDefinition.class).get(0);
        Field root = (Field) operation.getSelectionSet().getSelections().get(0);
        this.field = field;
        this.selection = AstPrinter.printAst(recordSelection(root));
        this.fragments = document.getDefinitionsOfType(FragmentDefinition.class).stream()
                .map(AstPrinter::printAst).collect(Collectors.joining("\n"));
    }

    /** The operation for {@code count} ids, passed as variables {@code $r0 … $r(count-1)}. */
    String operation(int count) {
        StringBuilder variables = new StringBuilder();
        StringBuilder fields = new StringBuilder();
        for (int i = 0; i < count; i++) {
            variables.append(i == 0 ? "" : ", ").append("$r").append(i).append(": ID!");
            fields.append(" r").append(i).append(": ").append(field).append("(id: $r").append(i).append(") ")
                    .append(selection);
        }
        return "query Lookup(" + variables + ") {" + fields + " }" + (fragments.isEmpty() ? "" : "\n" + fragments);
    }

    private static SelectionSet recordSelection(Field connection) {
        Field nodes = child(connection, "nodes");
        if (nodes != null) {
            return nodes.getSelectionSet();
        }
        Field edges = child(connection, "edges");
        Field node = edges == null ? null : child(edges, "node");
        if (node == null) {
            throw new IllegalArgumentException("the stream's query reads neither " + connection.getName() + ".nodes nor "
                    + connection.getName() + ".edges.node, so there is no record selection to look up with");
        }
        return node.getSelectionSet();
    }

    private static Field child(Field parent, String name) {
        if (parent.getSelectionSet() == null) {
            return null;
        }
        List<Field> fields = parent.getSelectionSet().getSelectionsOfType(Field.class);
        return fields.stream().filter(f -> f.getName().equals(name)).findFirst().orElse(null);
    }
}
