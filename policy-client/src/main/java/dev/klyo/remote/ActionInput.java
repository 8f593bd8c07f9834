package dev.klyo.remote;

import dev.klyo.action.Action;
import dev.klyo.action.ActionJson;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code input} document a remote decision point receives for an action: the action's
 * written form ({@link ActionJson}: {@code kind} and its fields), always with {@code context},
 * plus {@code target} and {@code attributes} — exactly the attributes Klyo policies match and
 * conditions read — so a Rego rule can test {@code input.attributes.host} where a Klyo rule
 * matches {@code host}:
 *
 * <pre>
 * {"kind": "tool", "name": "refund", "server": "billing", "arguments": "{}",
 *  "context": {"principal": "alice", "agentId": "bot", "sessionId": "s1", "groups": ["payments"]},
 *  "target": "billing/refund", "attributes": {"name": "refund", "server": "billing", ...}}
 * </pre>
 */
public final class ActionInput {

    private static final String TARGET = "target";
    private static final String ATTRIBUTES = "attributes";

    private ActionInput() {
    }

    public static Map<String, Object> of(Action action) {
        Map<String, Object> input = new LinkedHashMap<>(ActionJson.toMap(action));
        input.put("context", action.context().toMap());
        input.put(TARGET, action.target());
        input.put(ATTRIBUTES, action.attributes());
        return input;
    }

    /** The action an input document describes; the derived {@code target} and {@code attributes} are ignored. */
    public static Action toAction(Map<String, Object> input) {
        Map<String, Object> written = new LinkedHashMap<>(input);
        written.remove(TARGET);
        written.remove(ATTRIBUTES);
        return ActionJson.fromMap(written);
    }
}
