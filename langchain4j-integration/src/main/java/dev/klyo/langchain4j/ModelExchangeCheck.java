package dev.klyo.langchain4j;

import dev.klyo.action.ModelExchange;
import dev.klyo.engine.Decision;
import dev.klyo.redact.Redactor;
import dev.langchain4j.invocation.InvocationContext;

/**
 * One decision on text crossing the model boundary, shared by the input and output guardrails:
 * either the text is refused (with the message to give), or it goes on, possibly redacted.
 */
record ModelExchangeCheck(String refusal, String text, boolean changed) {

    static ModelExchangeCheck of(KlyoToolGovernor governor, InvocationContext invocation,
                                 ModelExchange.Direction direction, String model, String text) {
        ModelExchange exchange = new ModelExchange(governor.identity().resolve(invocation), direction, model, text);
        Decision decision = governor.klyo().decide(exchange);
        if (decision.blocked()) {
            return new ModelExchangeCheck(governor.refusal(exchange, decision), text, false);
        }
        Redactor redactor = governor.klyo().redactor(decision.redactions());
        String out = redactor.redact(text);
        return new ModelExchangeCheck(null, out, !out.equals(text));
    }

    boolean blocked() {
        return refusal != null;
    }
}
