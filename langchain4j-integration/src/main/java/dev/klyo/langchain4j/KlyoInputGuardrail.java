package dev.klyo.langchain4j;

import dev.klyo.action.ModelExchange;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.guardrail.InputGuardrail;
import dev.langchain4j.guardrail.InputGuardrailRequest;
import dev.langchain4j.guardrail.InputGuardrailResult;

/**
 * Decides the user's message as a {@code prompt} model exchange before it reaches the model. A
 * block is fatal (the call ends with an {@code InputGuardrailException} naming the rule and the
 * model never sees the message); a redaction rewrites the message's text.
 */
final class KlyoInputGuardrail implements InputGuardrail {

    private final KlyoToolGovernor governor;

    KlyoInputGuardrail(KlyoToolGovernor governor) {
        this.governor = governor;
    }

    @Override
    public InputGuardrailResult validate(InputGuardrailRequest request) {
        ModelExchangeCheck check = ModelExchangeCheck.of(governor, request.requestParams().invocationContext(),
                ModelExchange.Direction.PROMPT, "", text(request.userMessage()));
        if (check.blocked()) {
            return fatal(check.refusal());
        }
        return check.changed() ? successWith(check.text()) : success();
    }

    private static String text(UserMessage message) {
        if (message.hasSingleText()) {
            return message.singleText();
        }
        StringBuilder out = new StringBuilder();
        for (Content c : message.contents()) {
            if (c instanceof TextContent t) {
                out.append(out.isEmpty() ? "" : "\n").append(t.text());
            }
        }
        return out.toString();
    }
}
