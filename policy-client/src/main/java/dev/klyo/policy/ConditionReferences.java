package dev.klyo.policy;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which variables a condition reads, found once at load time, so the engine computes only those:
 * parsing tool arguments, inferring intent or reading session state costs more than most
 * conditions themselves. Over-approximates (a word in a string literal counts), never under.
 */
public record ConditionReferences(Set<String> actionKeys, boolean wholeAction, boolean context, boolean session) {

    private static final Pattern ACTION_WORD = Pattern.compile("\\baction\\b");
    private static final Pattern ACTION_KEY =
            Pattern.compile("\\baction\\s*(?:\\.\\s*([A-Za-z_][A-Za-z0-9_]*)|\\[\\s*[\"']([^\"']+)[\"']\\s*\\])");

    public ConditionReferences {
        actionKeys = Set.copyOf(actionKeys);
    }

    static ConditionReferences of(String expression) {
        Set<String> keys = new LinkedHashSet<>();
        Matcher m = ACTION_KEY.matcher(expression);
        int keyed = 0;
        while (m.find()) {
            keys.add(m.group(1) != null ? m.group(1) : m.group(2));
            keyed++;
        }
        int mentions = 0;
        Matcher w = ACTION_WORD.matcher(expression);
        while (w.find()) {
            mentions++;
        }
        return new ConditionReferences(keys, mentions > keyed, expression.contains("context"),
                expression.contains("session"));
    }

    /** Whether the condition may read {@code action.key}. */
    public boolean readsAction(String key) {
        return wholeAction || actionKeys.contains(key);
    }
}
