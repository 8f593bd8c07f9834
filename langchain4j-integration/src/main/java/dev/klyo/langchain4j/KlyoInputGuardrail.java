package dev.klyo.langchain4j;

import dev.klyo.action.AgentContext;
import dev.klyo.action.ModelExchange;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.guardrail.InputGuardrail;
import dev.langchain4j.guardrail.InputGuardrailRequest;
import dev.langchain4j.guardrail.InputGuardrailResult;
import dev.langchain4j.invocation.InvocationContext;

/**
 * Decides the user's message as a {@code prompt} model exchange before it reaches the model. A
 * block is fatal (the call ends with an {@code InputGuardrailException} naming the rule and the
 * model never sees the message); a redaction rewrites the message's text. A message that goes
 * ahead starts a turn of the session ({@link dev.klyo.Klyo#beginTurn}).
 */
final class KlyoInputGuardrail implements InputGuardrail {

    private final KlyoToolGovernor governor;

    KlyoInputGuardrail(KlyoToolGovernor governor) {
        this.governor = governor;
    }

    @Override
    public InputGuardrailResult validate(InputGuardrailRequest request) {
        InvocationContext invocation = request.requestParams().invocationContext();
        String message = text(request.userMessage());
        ModelExchangeCheck check = ModelExchangeCheck.of(governor, invocation, ModelExchange.Direction.PROMPT, "",
                message);
        if (check.blocked()) {
            return fatal(check.refusal());
        }
        // The user's own words, before any redaction and before the agent reads anything else,
        // are what the session's scope is derived from (unless the application declared it).
        AgentContext who = governor.identity().resolve(invocation);
        if (!who.sessionId().isEmpty()) {
            governor.klyo().beginTurn(who, message);
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
