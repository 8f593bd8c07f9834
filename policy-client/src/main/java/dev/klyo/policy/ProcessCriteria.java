package dev.klyo.policy;

import dev.klyo.action.Action;
import dev.klyo.action.ActionKind;
import dev.klyo.action.ProcessStart;
import dev.klyo.match.Glob;
import java.util.List;
import java.util.Set;

/**
 * {@code match: {process: ...}}: {@code commands} match the program as given or its file name
 * ({@code curl} matches {@code /usr/bin/curl}); {@code args} match when any argument matches
 * any of the globs.
 */
public record ProcessCriteria(List<Glob> commands, List<Glob> args) implements Criteria {

    public ProcessCriteria {
        commands = List.copyOf(commands);
        args = List.copyOf(args);
    }

    @Override
    public Set<ActionKind> kinds() {
        return Set.of(ActionKind.PROCESS);
    }

    @Override
    public String mismatch(Action action, boolean explain) {
        if (!(action instanceof ProcessStart p)) {
            return explain ? "rule does not apply to " + action.kind().key() : NO;
        }
        if (!commands.isEmpty() && !Globs.anyMatches(commands, p.program())
                && !Globs.anyMatches(commands, p.programName())) {
            return Globs.reason(explain, "command", p.program(), commands);
        }
        if (!args.isEmpty() && !anyArgumentMatches(p.arguments())) {
            return Globs.reason(explain, "arguments", p.arguments(), args);
        }
        return null;
    }

    private boolean anyArgumentMatches(List<String> arguments) {
        for (String a : arguments) {
            if (Globs.anyMatches(args, a)) {
                return true;
            }
        }
        return false;
    }
}
