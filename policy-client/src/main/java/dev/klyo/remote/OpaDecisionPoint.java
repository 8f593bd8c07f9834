package dev.klyo.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.klyo.action.Action;
import dev.klyo.central.DecisionPoint;
import dev.klyo.central.HttpCalls;
import dev.klyo.engine.Decision;
import dev.klyo.policy.Effect;
import dev.klyo.policy.Mode;
import dev.klyo.policy.Rule;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides each action by asking a decision point that speaks Open Policy Agent's data API:
 * {@code POST <url>} with {@code {"input": …}} ({@link ActionInput}); the answer's {@code result}
 * is either a boolean (allow or deny) or an object
 * {@code {"allow": bool, "deny": bool | [reasons], "effect": "allow|deny|redact|log",
 * "reason": "…", "rule": "…", "redact": [detector ids], "enforced": bool}}. An undefined result
 * (no {@code result} key, which is how OPA answers when no rule applies) is a deny.
 *
 * <p>Identical inputs are answered from a bounded cache. Timeouts, errors and malformed
 * answers are handled by the configured {@link FailureMode}.
 */
public final class OpaDecisionPoint implements DecisionPoint {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ANSWER_BYTES = 1 << 20;

    private final OpaSettings settings;
    private final Mode mode;
    private final DecisionPoint local;
    private final Shared shared;
    private final String revision;

    /** What survives a policy reload: the cache, the counters and the knowledge that the point is down. */
    private static final class Shared {
        final DecisionCache cache;
        final AtomicLong remoteCalls = new AtomicLong();
        final AtomicLong failures = new AtomicLong();
        volatile long downUntil = System.nanoTime();

        Shared(OpaSettings settings) {
            cache = new DecisionCache(settings.cacheSize(), settings.cacheTtl().toNanos(), System::nanoTime);
        }
    }

    /**
     * @param mode  the mode remote denies run in (the local policy's, so {@code mode=observe} still holds)
     * @param local decides when the failure mode is {@link FailureMode#LOCAL}
     */
    public OpaDecisionPoint(OpaSettings settings, Mode mode, DecisionPoint local) {
        this(settings, mode, local, new Shared(settings));
    }

    private OpaDecisionPoint(OpaSettings settings, Mode mode, DecisionPoint local, Shared shared) {
        this.settings = settings;
        this.mode = mode;
        this.local = local;
        this.shared = shared;
        this.revision = "opa:" + settings.url().getPath();
    }

    /**
     * The same decision point (cache, counters) with the mode and fallback of a newly applied local
     * policy. Cached decisions carry the old mode, so a change of mode empties the cache.
     */
    public OpaDecisionPoint with(Mode newMode, DecisionPoint newLocal) {
        if (newMode != mode) {
            shared.cache.clear();
        }
        return new OpaDecisionPoint(settings, newMode, newLocal, shared);
    }

    @Override
    public Decision decide(Action action, Map<String, Object> session) {
        String input;
        try {
            input = JSON.writeValueAsString(Map.of("input", ActionInput.of(action)));
        } catch (IOException e) {
            return failed(action, session, "cannot encode input: " + e.getMessage());
        }
        Decision cached = shared.cache.get(input);
        if (cached != null) {
            return cached;
        }
        if (System.nanoTime() - shared.downUntil < 0) {
            return failed(action, session, "decision point failed recently; retrying after "
                    + settings.retryAfter().toMillis() + " ms");
        }
        try {
            shared.remoteCalls.incrementAndGet();
            Decision decision = parse(post(input));
            shared.cache.put(input, decision);
            return decision;
        } catch (IOException | RuntimeException e) {
            shared.failures.incrementAndGet();
            shared.downUntil = System.nanoTime() + settings.retryAfter().toNanos();
            return failed(action, session, String.valueOf(e.getMessage()));
        }
    }

    private byte[] post(String input) throws IOException {
        HttpURLConnection c = HttpCalls.post(settings.url(), settings.connectTimeout(), settings.readTimeout(),
                "application/json", input.getBytes(StandardCharsets.UTF_8));
        try {
            int status = c.getResponseCode();
            if (status != HttpURLConnection.HTTP_OK) {
                throw new IOException(settings.url() + " answered HTTP " + status);
            }
            return HttpCalls.readAtMost(c.getInputStream(), MAX_ANSWER_BYTES);
        } finally {
            c.disconnect();
        }
    }

    /** Maps an answer to a decision; throws on anything that is not a recognisable answer. */
    Decision parse(byte[] answer) throws IOException {
        JsonNode root = JSON.readTree(answer);
        if (root == null || !root.isObject()) {
            throw new IOException("answer is not a JSON object");
        }
        JsonNode result = root.get("result");
        if (result == null) {
            return decision(Effect.DENY, true, "opa.undefined", "denied: the decision point has no decision for this input",
                    List.of());
        }
        if (result.isBoolean()) {
            return result.asBoolean() ? decision(Effect.ALLOW, true, "opa", "", List.of())
                    : decision(Effect.DENY, true, "opa", "denied by the decision point", List.of());
        }
        if (!result.isObject()) {
            throw new IOException("result is neither a boolean nor an object");
        }
        JsonNode deny = result.path("deny");
        boolean denied = deny.asBoolean(false) || (deny.isArray() && !deny.isEmpty());
        String reason = result.path("reason").asText(result.path("message").asText(""));
        if (reason.isEmpty() && deny.isArray() && !deny.isEmpty()) {
            reason = deny.get(0).asText();
        }
        Effect effect;
        if (result.hasNonNull("effect")) {
            effect = Effect.fromKey(result.get("effect").asText());
            if (effect == null) {
                throw new IOException("unknown effect: " + result.get("effect").asText());
            }
        } else {
            effect = denied || !result.path("allow").asBoolean(false) ? Effect.DENY : Effect.ALLOW;
        }
        List<String> redact = new ArrayList<>();
        result.path("redact").forEach(d -> redact.add(d.asText()));
        String rule = result.path("rule").asText("opa");
        return decision(effect, result.path("enforced").asBoolean(true), rule,
                reason.isEmpty() && effect == Effect.DENY ? "denied by the decision point" : reason, redact);
    }

    private Decision decision(Effect effect, boolean enforced, String ruleId, String message, List<String> redactions) {
        Rule rule = new Rule(ruleId, "", effect, null, null, null, message, null, settings.url().toString());
        boolean takesHold = enforced && mode == Mode.ENFORCE;
        boolean applies = effect == Effect.DENY || effect == Effect.REDACT;
        return new Decision(effect, !applies || takesHold, mode, List.of(rule),
                effect == Effect.REDACT && takesHold ? redactions : List.of(), revision, false);
    }

    private Decision failed(Action action, Map<String, Object> session, String why) {
        return switch (settings.failure()) {
            case LOCAL -> local.decide(action, session);
            case OPEN -> decision(Effect.ALLOW, true, "klyo.remote.unavailable",
                    "decision point unavailable (" + why + "); failing open", List.of());
            case CLOSED -> decision(Effect.DENY, true, "klyo.remote.unavailable",
                    "decision point unavailable (" + why + "); failing closed", List.of());
        };
    }

    /** Requests actually sent (cache misses while the point was not known to be down). */
    public long remoteCalls() {
        return shared.remoteCalls.get();
    }

    /** Requests that timed out, failed or got an unusable answer. */
    public long failures() {
        return shared.failures.get();
    }
}
