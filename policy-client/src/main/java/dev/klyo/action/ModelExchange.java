package dev.klyo.action;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** Text going to a model (a prompt) or coming back from it (a response), seen by the framework integrations. */
public record ModelExchange(AgentContext context, Direction direction, String model, String text) implements Action {

    public enum Direction {
        PROMPT, RESPONSE;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ModelExchange {
        context = Objects.requireNonNullElse(context, AgentContext.ANONYMOUS);
        Objects.requireNonNull(direction, "direction");
        model = Objects.requireNonNullElse(model, "");
        text = Objects.requireNonNullElse(text, "");
    }

    @Override
    public ActionKind kind() {
        return ActionKind.MODEL;
    }

    @Override
    public Map<String, Object> attributes() {
        return Map.of("direction", direction.key(), "model", model, "text", text);
    }

    @Override
    public String target() {
        return direction.key() + (model.isEmpty() ? "" : " " + model);
    }
}
