package dev.klyo.engine;

import dev.klyo.policy.Rule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rules keyed by literal prefixes; a lookup walks the name once, character by character, and
 * collects the rules of every prefix it passes, without creating substrings.
 */
final class PrefixTrie {

    private static final class Node {
        private final Map<Character, Node> children = new HashMap<>(4);
        private final List<Rule> building = new ArrayList<>(1);
        private Rule[] rules = new Rule[0];
    }

    private final Node root = new Node();

    void add(String prefix, Rule rule) {
        Node node = root;
        for (int i = 0; i < prefix.length(); i++) {
            node = node.children.computeIfAbsent(prefix.charAt(i), c -> new Node());
        }
        node.building.add(rule);
    }

    PrefixTrie freeze() {
        freeze(root);
        return this;
    }

    private static void freeze(Node node) {
        node.rules = node.building.toArray(Rule[]::new);
        node.children.values().forEach(PrefixTrie::freeze);
    }

    void collect(String name, List<Rule> out) {
        Node node = root;
        for (int i = 0; i < name.length() && node != null; i++) {
            node = node.children.get(name.charAt(i));
            if (node != null) {
                for (Rule r : node.rules) {
                    out.add(r);
                }
            }
        }
    }
}
