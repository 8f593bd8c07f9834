package dev.klyo.action;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A tool the model asked to call. {@code server} names the MCP server or tool provider (empty
 * for local tools); {@code arguments} is the JSON the model produced; {@code annotations} are
 * the tool's declared hints (MCP {@code readOnlyHint}, {@code destructiveHint}, ...).
 */
public record ToolCall(AgentContext context, String name, String server, String arguments,
                       Map<String, Object> annotations) implements Action {

    public ToolCall {
        context = Objects.requireNonNullElse(context, AgentContext.ANONYMOUS);
        Objects.requireNonNull(name, "name");
        server = Objects.requireNonNullElse(server, "");
        arguments = arguments == null || arguments.isBlank() ? "{}" : arguments;
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }

    public static ToolCall of(String name, String arguments) {
        return new ToolCall(AgentContext.ANONYMOUS, name, "", arguments, Map.of());
    }

    @Override
    public ActionKind kind() {
        return ActionKind.TOOL;
    }

    @Override
    public Map<String, Object> attributes() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", name);
        map.put("server", server);
        map.put("arguments", arguments);
        map.put("annotations", annotations);
        return map;
    }

    @Override
    public String target() {
        return server.isEmpty() ? name : server + "/" + name;
    }
}
