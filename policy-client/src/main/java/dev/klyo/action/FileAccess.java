package dev.klyo.action;

import java.util.Map;
import java.util.Objects;

/**
 * An operation on a file. {@code path} must be canonical (absolute, normalised, symbolic links
 * resolved as far as they exist): enforcement points canonicalise, rules match on the result.
 */
public record FileAccess(AgentContext context, String path, FileOperation operation) implements Action {

    public FileAccess {
        context = Objects.requireNonNullElse(context, AgentContext.ANONYMOUS);
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(operation, "operation");
    }

    public static FileAccess of(String path, FileOperation operation) {
        return new FileAccess(AgentContext.ANONYMOUS, path, operation);
    }

    @Override
    public ActionKind kind() {
        return ActionKind.FILE;
    }

    @Override
    public Map<String, Object> attributes() {
        return Map.of("path", path, "operation", operation.key());
    }

    @Override
    public String target() {
        return operation.key() + " " + path;
    }
}
