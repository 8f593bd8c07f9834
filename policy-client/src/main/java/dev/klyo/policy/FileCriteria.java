package dev.klyo.policy;

import dev.klyo.action.Action;
import dev.klyo.action.ActionKind;
import dev.klyo.action.FileAccess;
import dev.klyo.action.FileOperation;
import dev.klyo.match.Glob;
import java.util.List;
import java.util.Set;

/** {@code match: {file: ...}}: canonical path globs and operations. */
public record FileCriteria(List<Glob> paths, Set<FileOperation> operations) implements Criteria {

    public FileCriteria {
        paths = List.copyOf(paths);
        operations = Set.copyOf(operations);
    }

    @Override
    public Set<ActionKind> kinds() {
        return Set.of(ActionKind.FILE);
    }

    @Override
    public String mismatch(Action action, boolean explain) {
        if (!(action instanceof FileAccess f)) {
            return explain ? "rule does not apply to " + action.kind().key() : NO;
        }
        if (!operations.isEmpty() && !operations.contains(f.operation())) {
            return Globs.reason(explain, "operation", f.operation().key(), operations);
        }
        if (!Globs.anyMatches(paths, f.path())) {
            return Globs.reason(explain, "path", f.path(), paths);
        }
        return null;
    }
}
