package dev.klyo.policy;

import dev.klyo.action.Action;
import dev.klyo.action.ActionKind;
import dev.klyo.action.ToolCall;
import dev.klyo.match.Glob;
import java.util.List;
import java.util.Set;

/** {@code match: {tool: ...}}: tool name globs and MCP server / provider name globs. */
public record ToolCriteria(List<Glob> names, List<Glob> servers) implements Criteria {

    public ToolCriteria {
        names = List.copyOf(names);
        servers = List.copyOf(servers);
    }

    @Override
    public Set<ActionKind> kinds() {
        return Set.of(ActionKind.TOOL);
    }

    @Override
    public String mismatch(Action action, boolean explain) {
        if (!(action instanceof ToolCall t)) {
            return explain ? "rule does not apply to " + action.kind().key() : NO;
        }
        if (!Globs.anyMatches(names, t.name())) {
            return Globs.reason(explain, "tool", t.name(), names);
        }
        if (!Globs.anyMatches(servers, t.server())) {
            return Globs.reason(explain, "server", t.server(), servers);
        }
        return null;
    }
}
