package uk.sendplan.api.security;

import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.GraphQLUnmodifiedType;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads everything one user can reach from a set of root queries and reports what they must not see. The queries
 * are generated from the schema itself, so a field added later is read too: below each root, every field of every
 * object type is selected, breadth first, each field of the schema expanded once per root (a type met again is
 * expanded through the fields not yet used), up to {@link #MAX_DEPTH} levels. What the user is refused is pruned and
 * the rest read again, so a refusal never hides its siblings; a query the service's limits refuse is split in two.
 * <p>
 * Two things are wrong in what comes back: a string naming a child outside the user's children (their LA's, for a
 * commissioner; none for anyone else), found by the placement requests' references and the demo reference format
 * DEMO-&lt;LA&gt;-nnnnn; and a record reached through a nested field that the record's own top-level query (e.g.
 * {@code feeAudit(id)} for a {@code FeeAudit}) refuses the same user.
 */
final class ScopeSweep {

    static final int MAX_DEPTH = 8;
    /** Nested pages are read this deep; a field's rule shows on its first rows as well as on any. */
    static final int NESTED_FIRST = 10;
    /**
     * Records looked up again per field that reached them: a nested field's rule is the field's resolver's, so a few
     * records show it (and a row filter that lets one wrong record through shows on the first ones too).
     */
    static final int LOOKUPS_PER_FIELD = 3;
    static final int LOOKUPS_PER_REQUEST = 40;

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9/_.-]*");
    private static final Pattern DEMO_REFERENCE = Pattern.compile("DEMO-([0-9]{3})-[0-9]+");

    /** A root query and one set of its arguments. */
    record RootCall(String field, Map<String, Object> arguments) {
    }

    /** One field in a generated selection. */
    private static final class Node {
        final String name;
        /** Type.field, e.g. FeeFinding.audit. */
        final String field;
        final GraphQLFieldDefinition definition;
        final GraphQLUnmodifiedType type;
        final List<Node> children = new ArrayList<>();

        Node(String parentType, GraphQLFieldDefinition definition) {
            this.name = definition.getName();
            this.field = parentType + "." + definition.getName();
            this.definition = definition;
            this.type = GraphQLTypeUtil.unwrapAll(definition.getType());
        }

        Node copyWith(List<Node> kids) {
            Node copy = new Node(field.substring(0, field.indexOf('.')), definition);
            copy.children.addAll(kids);
            return copy;
        }
    }

    /** A top-level query that reads one record by a key field of its type, e.g. feeAudit(id) for FeeAudit.id. */
    private record Lookup(String query, String argument, String argumentType, String keyField) {
    }

    private final GraphQLSchema schema;
    private final Function<String, WebTestClient> clientFor;
    private final Map<String, Set<String>> lasByReference;
    private final Map<String, Lookup> lookups = new LinkedHashMap<>();

    ScopeSweep(GraphQLSchema schema, Function<String, WebTestClient> clientFor, Map<String, Set<String>> lasByReference) {
        this.schema = schema;
        this.clientFor = clientFor;
        this.lasByReference = lasByReference;
        for (GraphQLFieldDefinition query : schema.getQueryType().getFieldDefinitions()) {
            List<GraphQLArgument> required = query.getArguments().stream().filter(a -> GraphQLTypeUtil.isNonNull(a.getType())).toList();
            if (required.size() != 1 || !(GraphQLTypeUtil.unwrapAll(query.getType()) instanceof GraphQLObjectType type)
                    || GraphQLTypeUtil.isList(GraphQLTypeUtil.unwrapNonNull(query.getType()))) {
                continue;
            }
            GraphQLArgument key = required.getFirst();
            GraphQLFieldDefinition keyField = type.getFieldDefinition(key.getName());
            if (keyField != null && GraphQLTypeUtil.unwrapAll(keyField.getType()).getName().equals(GraphQLTypeUtil.unwrapAll(key.getType()).getName())) {
                lookups.put(type.getName(), new Lookup(query.getName(), key.getName(), GraphQLTypeUtil.simplePrint(key.getType()), keyField.getName()));
            }
        }
    }

    /** Root queries with required arguments: the sweep must be told how to call each of them. */
    List<String> queriesNeedingArguments() {
        return schema.getQueryType().getFieldDefinitions().stream()
                .filter(f -> f.getArguments().stream().anyMatch(a -> GraphQLTypeUtil.isNonNull(a.getType()) && !a.hasSetDefaultValue()))
                .map(GraphQLFieldDefinition::getName).toList();
    }

    List<String> queries() {
        return schema.getQueryType().getFieldDefinitions().stream().map(GraphQLFieldDefinition::getName).toList();
    }

    /** What went wrong for this user; {@code childLas}: the LAs whose children the user may read. */
    final class Run {
        final String subject;
        final Set<String> childLas;
        private final WebTestClient client;
        final Set<String> problems = new LinkedHashSet<>();
        /** Records reached through nested fields, by type and key, with the first path that reached each. */
        private final Map<String, Map<Object, String>> reached = new LinkedHashMap<>();
        private final Map<String, Integer> reachedThrough = new HashMap<>();
        /**
         * Fields refused to this user's role outright (Access.require's "not permitted for your role"), left out of
         * later selections: what a role may never read hides nothing row by row. A refusal by scope is not remembered.
         */
        private final Set<String> refusedToRole = new HashSet<>();
        /** Mentions of the user's own children: the sweep reached child-level records where it should. */
        int ownChildren;

        Run(String subject, Set<String> childLas) {
            this.subject = subject;
            this.childLas = childLas;
            this.client = clientFor.apply(subject);
        }

        void sweep(Collection<RootCall> calls) {
            for (RootCall call : calls) {
                GraphQLFieldDefinition root = schema.getQueryType().getFieldDefinition(call.field());
                read(call, tree(root));
            }
            checkLookups();
        }

        /** Runs the selection; prunes what was refused and reads the rest again; splits what the limits refuse. */
        private void read(RootCall call, Node tree) {
            dropRefused(tree);
            Deque<Node> pending = new ArrayDeque<>(List.of(tree));
            while (!pending.isEmpty()) {
                Node current = pending.pop();
                Map<String, Object> response = execute(document(call, current), call.arguments());
                Object data = response.get("data");
                if (data instanceof Map<?, ?> map) {
                    scan(map.get(current.name), current, call.field(), true);
                }
                List<Map<String, Object>> errors = errors(response);
                if (errors.isEmpty()) {
                    continue;
                }
                boolean pruned = false;
                boolean rootRefused = false;
                for (Map<String, Object> error : errors) {
                    List<?> path = (List<?>) error.get("path");
                    String classification = classification(error);
                    if ("INTERNAL_ERROR".equals(classification)) {
                        problems.add(subject + ": " + call.field() + " " + path + ": internal error: " + error.get("message"));
                    }
                    if (path == null || path.isEmpty()) {
                        continue;
                    }
                    List<String> names = path.stream().filter(p -> p instanceof String).map(String.class::cast).toList();
                    if (names.size() == 1) {
                        rootRefused = true;
                        continue;
                    }
                    Node refused = find(current, names.subList(1, names.size()));
                    if (refused != null && "FORBIDDEN".equals(classification) && String.valueOf(error.get("message")).contains("not permitted for your role")) {
                        refusedToRole.add(refused.field);
                    }
                    pruned |= prune(current, names.subList(1, names.size()));
                }
                boolean unanswered = errors.stream().anyMatch(e -> e.get("path") == null) && data == null;
                if (unanswered) {
                    List<Node> halves = split(current);
                    Node shorter = halves.isEmpty() && overBudget(errors) ? shorten(current) : null;
                    if (shorter != null) {
                        // a chain of nested lists the cost limit refuses to everyone: read as much of it as the limit allows
                        pending.push(shorter);
                    } else if (halves.isEmpty()) {
                        problems.add(subject + ": " + call.field() + ": refused even as one field chain: " + errors);
                    }
                    halves.forEach(pending::push);
                } else if (pruned && !rootRefused) {
                    pending.push(current);
                }
            }
        }

        private void dropRefused(Node node) {
            node.children.removeIf(child -> refusedToRole.contains(child.field));
            node.children.forEach(this::dropRefused);
        }

        private Map<String, Object> execute(String document, Map<String, Object> variables) {
            @SuppressWarnings("unchecked")
            Map<String, Object> body = client.post().contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("query", document, "variables", variables)).exchange()
                    .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
            return Objects.requireNonNull(body);
        }

        /** Walks the data along the selection: checks every string, and notes nested records that have a lookup. */
        private void scan(Object value, Node node, String path, boolean root) {
            if (value == null) {
                return;
            }
            if (value instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    scan(list.get(i), node, path + "[" + i + "]", root);
                }
                return;
            }
            if (node.type instanceof GraphQLObjectType type && value instanceof Map<?, ?> object) {
                Lookup lookup = lookups.get(type.getName());
                Object key = object.get(lookup == null ? "" : lookup.keyField());
                if (!root && key != null && reachedThrough.merge(node.field, 1, Integer::sum) <= LOOKUPS_PER_FIELD) {
                    reached.computeIfAbsent(type.getName(), t -> new LinkedHashMap<>()).putIfAbsent(key, path);
                }
                for (Node child : node.children) {
                    scan(object.get(child.name), child, path + "." + child.name, false);
                }
                return;
            }
            checkStrings(value, path);
        }

        /** A leaf: a string, or a JSON value (an audit record's before and after) whose keys and values are all read. */
        private void checkStrings(Object value, String path) {
            if (value instanceof Map<?, ?> map) {
                map.forEach((k, v) -> {
                    checkStrings(k, path);
                    checkStrings(v, path + "." + k);
                });
            } else if (value instanceof List<?> list) {
                list.forEach(v -> checkStrings(v, path));
            } else if (value instanceof String text) {
                Matcher token = TOKEN.matcher(text);
                while (token.find()) {
                    String word = token.group();
                    Set<String> las = new HashSet<>(childLasOf(word));
                    // a sentence may end a reference with a full stop
                    if (las.isEmpty() && word.endsWith(".")) {
                        las.addAll(childLasOf(word.replaceAll("\\.+$", "")));
                    }
                    if (las.stream().anyMatch(childLas::contains)) {
                        ownChildren++;
                    } else if (!las.isEmpty()) {
                        problems.add(subject + ": " + path + " names " + word + ", a child of LA " + String.join("/", las)
                                + (childLas.isEmpty() ? " (this user may read no child)" : " (this user reads LA " + String.join("/", childLas) + "'s children)")
                                + ": \"" + abbreviate(text, word) + "\"");
                    }
                }
            }
        }

        private Set<String> childLasOf(String word) {
            Set<String> las = new HashSet<>();
            // an all-digit reference can't be told from an id, URN or amount in text, so it is not looked for
            if (!word.chars().allMatch(Character::isDigit)) {
                las.addAll(lasByReference.getOrDefault(word, Set.of()));
            }
            Matcher demo = DEMO_REFERENCE.matcher(word);
            if (demo.matches()) {
                las.add(demo.group(1));
            }
            return las;
        }

        /** Every record reached through a nested field must be one its own query gives this user. */
        private void checkLookups() {
            reached.forEach((typeName, keys) -> {
                Lookup lookup = lookups.get(typeName);
                List<Map.Entry<Object, String>> entries = new ArrayList<>(keys.entrySet());
                for (int from = 0; from < entries.size(); from += LOOKUPS_PER_REQUEST) {
                    List<Map.Entry<Object, String>> batch = entries.subList(from, Math.min(entries.size(), from + LOOKUPS_PER_REQUEST));
                    StringBuilder doc = new StringBuilder("query(");
                    Map<String, Object> variables = new LinkedHashMap<>();
                    for (int i = 0; i < batch.size(); i++) {
                        doc.append(i == 0 ? "" : ", ").append("$k").append(i).append(": ").append(lookup.argumentType());
                        variables.put("k" + i, batch.get(i).getKey());
                    }
                    doc.append(") {");
                    for (int i = 0; i < batch.size(); i++) {
                        doc.append(" r").append(i).append(": ").append(lookup.query()).append("(").append(lookup.argument()).append(": $k").append(i)
                                .append(") { ").append(lookup.keyField()).append(" }");
                    }
                    doc.append(" }");
                    Map<String, Object> response = execute(doc.toString(), variables);
                    Map<?, ?> data = response.get("data") instanceof Map<?, ?> d ? d : Map.of();
                    for (int i = 0; i < batch.size(); i++) {
                        if (data.get("r" + i) == null) {
                            int n = i;
                            String why = errors(response).stream().filter(e -> List.of("r" + n).equals(e.get("path")))
                                    .map(e -> classification(e) + " " + e.get("message")).findFirst().orElse("null");
                            problems.add(subject + ": " + batch.get(i).getValue() + " is " + typeName + " " + batch.get(i).getKey() + ", which "
                                    + lookup.query() + "(" + lookup.argument() + ") refuses this user: " + why);
                        }
                    }
                }
            });
        }
    }

    // ------------------------------------------------------------------ generating the selection

    /** The root field's selection: breadth first, each field of the schema expanded once, {@link #MAX_DEPTH} levels. */
    private Node tree(GraphQLFieldDefinition rootField) {
        Node root = new Node("Query", rootField);
        Set<String> used = new HashSet<>();
        record Pending(Node node, int depth) {
        }
        Deque<Pending> queue = new ArrayDeque<>(List.of(new Pending(root, 1)));
        while (!queue.isEmpty()) {
            Pending p = queue.poll();
            if (!(p.node().type instanceof GraphQLObjectType type)) {
                continue;
            }
            for (GraphQLFieldDefinition field : type.getFieldDefinitions()) {
                if (field.getArguments().stream().anyMatch(a -> GraphQLTypeUtil.isNonNull(a.getType()) && !a.hasSetDefaultValue())) {
                    continue;  // nothing to call it with
                }
                Node child = new Node(type.getName(), field);
                if (GraphQLTypeUtil.isLeaf(child.type)) {
                    p.node().children.add(child);
                } else if (child.type instanceof GraphQLObjectType && p.depth() < MAX_DEPTH && used.add(type.getName() + "." + field.getName())) {
                    p.node().children.add(child);
                    queue.add(new Pending(child, p.depth() + 1));
                }
            }
        }
        return root;
    }

    private String document(RootCall call, Node tree) {
        GraphQLFieldDefinition root = tree.definition;
        StringBuilder out = new StringBuilder("query");
        if (!call.arguments().isEmpty()) {
            out.append("(");
            List<String> declarations = new ArrayList<>();
            call.arguments().keySet().forEach(name -> declarations.add("$" + name + ": " + GraphQLTypeUtil.simplePrint(root.getArgument(name).getType())));
            out.append(String.join(", ", declarations)).append(")");
        }
        out.append(" { ").append(tree.name);
        if (!call.arguments().isEmpty()) {
            out.append("(").append(String.join(", ", call.arguments().keySet().stream().map(n -> n + ": $" + n).toList())).append(")");
        }
        selection(tree, out);
        return out.append(" }").toString();
    }

    private static void selection(Node node, StringBuilder out) {
        if (!(node.type instanceof GraphQLObjectType)) {
            return;
        }
        out.append(" { __typename");
        for (Node child : node.children) {
            out.append(" ").append(child.name);
            GraphQLArgument first = child.definition.getArgument("first");
            if (first != null && GraphQLTypeUtil.unwrapAll(first.getType()).getName().equals("Int")) {
                out.append("(first: ").append(NESTED_FIRST).append(")");
            }
            selection(child, out);
        }
        out.append(" }");
    }

    /** The field at this path (names below the root), or null. */
    private static Node find(Node root, List<String> names) {
        Node node = root;
        for (String name : names) {
            node = node.children.stream().filter(c -> c.name.equals(name)).findFirst().orElse(null);
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    /** Removes the field at this path (names below the root); true if there was one. */
    private static boolean prune(Node root, List<String> names) {
        Node parent = find(root, names.subList(0, names.size() - 1));
        return parent != null && parent.children.removeIf(c -> c.name.equals(names.getLast()));
    }

    /** Two selections that together read what this one does, or none if it is a single chain of fields. */
    private static List<Node> split(Node tree) {
        List<Node> chain = new ArrayList<>(List.of(tree));
        Node node = tree;
        while (node.children.size() == 1) {
            node = node.children.getFirst();
            chain.add(node);
        }
        if (node.children.size() < 2) {
            return List.of();
        }
        int half = node.children.size() / 2;
        List<Node> halves = new ArrayList<>();
        for (List<Node> part : List.of(node.children.subList(0, half), node.children.subList(half, node.children.size()))) {
            Node copy = node.copyWith(part);
            for (int i = chain.size() - 2; i >= 0; i--) {
                copy = chain.get(i).copyWith(List.of(copy));
            }
            halves.add(copy);
        }
        return halves;
    }

    /** The chain without its deepest field, or null if it is the root alone. */
    private static Node shorten(Node chain) {
        List<Node> nodes = new ArrayList<>(List.of(chain));
        while (nodes.getLast().children.size() == 1) {
            nodes.add(nodes.getLast().children.getFirst());
        }
        if (nodes.size() < 2) {
            return null;
        }
        Node copy = nodes.get(nodes.size() - 2).copyWith(List.of());
        for (int i = nodes.size() - 3; i >= 0; i--) {
            copy = nodes.get(i).copyWith(List.of(copy));
        }
        return copy;
    }

    /** Refused before it ran by the query cost limit (RequestLimits), which says so in its extensions. */
    private static boolean overBudget(List<Map<String, Object>> errors) {
        return errors.stream().anyMatch(e -> e.get("extensions") instanceof Map<?, ?> extensions && extensions.containsKey("estimatedCost"));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> errors(Map<String, Object> response) {
        Object errors = response.get("errors");
        return errors == null ? List.of() : (List<Map<String, Object>>) errors;
    }

    private static String classification(Map<String, Object> error) {
        return error.get("extensions") instanceof Map<?, ?> extensions ? String.valueOf(extensions.get("classification")) : "";
    }

    private static String abbreviate(String text, String word) {
        int at = Math.max(0, text.indexOf(word) - 60);
        String part = text.substring(at, Math.min(text.length(), text.indexOf(word) + word.length() + 60));
        return (at > 0 ? "…" : "") + part.replace("\r", "").replace("\n", " ") + (at + part.length() < text.length() ? "…" : "");
    }
}
