package dev.klyo.policy;

import dev.klyo.action.Action;
import dev.klyo.action.ActionKind;
import dev.klyo.action.ModelExchange;
import dev.klyo.match.Glob;
import java.util.List;
import java.util.Set;

/** {@code match: {model: ...}}: direction (prompt or response) and model name globs. */
public record ModelCriteria(Set<ModelExchange.Direction> directions, List<Glob> models) implements Criteria {

    public ModelCriteria {
        directions = Set.copyOf(directions);
        models = List.copyOf(models);
    }

    @Override
    public Set<ActionKind> kinds() {
        return Set.of(ActionKind.MODEL);
    }

    @Override
    public String mismatch(Action action, boolean explain) {
        if (!(action instanceof ModelExchange m)) {
            return explain ? "rule does not apply to " + action.kind().key() : NO;
        }
        if (!directions.isEmpty() && !directions.contains(m.direction())) {
            return Globs.reason(explain, "direction", m.direction().key(), directions);
        }
        if (!Globs.anyMatches(models, m.model())) {
            return Globs.reason(explain, "model", m.model(), models);
        }
        return null;
    }
}
