package dev.klyo.langchain4j;

import dev.klyo.action.ModelExchange;
import dev.langchain4j.guardrail.OutputGuardrail;
import dev.langchain4j.guardrail.OutputGuardrailRequest;
import dev.langchain4j.guardrail.OutputGuardrailResult;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.Objects;

/**
 * Decides the model's final answer as a {@code response} model exchange before the caller gets
 * it. A block is fatal (an {@code OutputGuardrailException} naming the rule, never a retry that
 * would ask the model again); a redaction rewrites the answer's text.
 */
final class KlyoOutputGuardrail implements OutputGuardrail {

    private final KlyoToolGovernor governor;

    KlyoOutputGuardrail(KlyoToolGovernor governor) {
        this.governor = governor;
    }

    @Override
    public OutputGuardrailResult validate(OutputGuardrailRequest request) {
        ChatResponse response = request.responseFromLLM();
        String text = Objects.requireNonNullElse(response.aiMessage().text(), "");
        ModelExchangeCheck check = ModelExchangeCheck.of(governor, request.requestParams().invocationContext(),
                ModelExchange.Direction.RESPONSE, Objects.requireNonNullElse(response.modelName(), ""), text);
        if (check.blocked()) {
            return fatal(check.refusal());
        }
        return check.changed() ? successWith(check.text()) : success();
    }
}
