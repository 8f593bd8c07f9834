package dev.klyo.operator;

import dev.klyo.action.Action;
import dev.klyo.action.ActionJson;
import dev.klyo.action.ActionKind;
import dev.klyo.audit.AuditEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds the action an audit event recorded, so a candidate policy can decide it again. The
 * event's attributes are the action's own flat view; {@link ActionJson} reads its written form,
 * so this only renames what differs (a process's program and arguments become its command).
 * Values the recording policy redacted stay redacted: replay decides on what the log holds.
 */
final class RecordedAction {

    private RecordedAction() {
    }

    /** The action; {@link IllegalArgumentException} saying why when the event cannot be turned back into one. */
    static Action of(AuditEvent event) {
        ActionKind kind = ActionKind.fromKey(event.kind());
        if (kind == null) {
            throw new IllegalArgumentException("unknown action kind '" + event.kind() + "'");
        }
        Map<String, Object> attributes = event.attributes();
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("kind", kind.key());
        if (kind == ActionKind.PROCESS) {
            List<Object> command = new ArrayList<>();
            command.add(attributes.get("program"));
            if (attributes.get("args") instanceof List<?> args) {
                command.addAll(args);
            }
            form.put("command", command);
            form.put("directory", attributes.get("directory"));
        } else {
            for (String key : ActionJson.KEYS.get(kind)) {
                Object value = attributes.get(key);
                if (value != null) {
                    form.put(key, value);
                }
            }
        }
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("principal", event.principal());
        context.put("agentId", event.agentId());
        context.put("sessionId", event.sessionId());
        context.put("groups", event.groups());
        form.put("context", context);
        return ActionJson.fromMap(form);
    }
}
