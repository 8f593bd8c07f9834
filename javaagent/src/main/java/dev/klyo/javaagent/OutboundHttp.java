package dev.klyo.javaagent;

import dev.klyo.ActionDeniedException;
import dev.klyo.Klyo;
import dev.klyo.action.AgentContext;
import dev.klyo.action.HttpBody;
import dev.klyo.action.HttpRequest;
import dev.klyo.audit.AuditEvents;
import dev.klyo.engine.Decision;
import dev.klyo.policy.Effect;
import dev.klyo.redact.Finding;
import dev.klyo.redact.Redactor;
import dev.klyo.javaagent.bootstrap.HttpExchange;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * An outbound HTTP request with its body, just before a hook sends it. In this order:
 * <ol>
 *   <li>exfiltration: a bound secret's real value, or a value found by an exfiltration detector,
 *       headed for a host not approved for it is denied (the application had no business
 *       holding it, or is sending it where it must not go);</li>
 *   <li>the policy decides the request as the application built it, placeholders and all, so
 *       the audit log records {@code klyo-secret:name}, never the value;</li>
 *   <li>a redact decision rewrites body (JSON-, form- or text-aware by media type), query and
 *       header values;</li>
 *   <li>placeholders of secrets bound to the request's host are replaced by their values.</li>
 * </ol>
 * Redaction runs before injection so an injected key is never taken for a leaked one.
 */
final class OutboundHttp {

    private final Klyo klyo;
    private final AgentContext context;
    private final SecretBindings bindings;
    private final Function<HttpRequest, Decision> decide;

    OutboundHttp(Klyo klyo, AgentContext context, SecretBindings bindings, Function<HttpRequest, Decision> decide) {
        this.klyo = klyo;
        this.context = context;
        this.bindings = bindings;
        this.decide = decide;
    }

    /** Null to send what the exchange now holds, else the denial message. */
    String exchange(HttpExchange exchange) {
        URI uri = EngineDecider.uri(exchange.url());
        String host = uri.getHost();
        String text = bodyText(exchange.body());
        // Decided and audited in placeholder form: a hop the client derived from an injected
        // request (a JDK redirect, a retry) may already carry a value.
        HttpBody body = exchange.bodyUnseen() ? HttpBody.UNKNOWN
                : exchange.body() == null ? HttpBody.NONE
                : text == null ? HttpBody.of(exchange.body())
                : HttpBody.of(conceal(text));
        HttpRequest action = new HttpRequest(context, exchange.method(), EngineDecider.uri(conceal(exchange.url())),
                mapValues(exchange.headers(), this::conceal), body);

        String leak = leak(host, exchange, text);
        if (leak != null) {
            return exfiltrationDenied(action, leak);
        }
        Decision decision = decide.apply(action);
        if (decision.blocked()) {
            return new ActionDeniedException(action, decision).getMessage();
        }
        String url = exchange.url();
        Map<String, List<String>> headers = exchange.headers();
        byte[] bytes = exchange.body();
        if (decision.effect() == Effect.REDACT && decision.enforced() && !decision.redactions().isEmpty()) {
            Redactor redactor = klyo.redactor(decision.redactions());
            url = redactQuery(url, redactor);
            headers = mapValues(headers, redactor::redact);
            if (text != null) {
                bytes = redactor.redactBody(exchange.contentType(), text).getBytes(StandardCharsets.UTF_8);
            }
        }
        for (SecretBindings.Secret secret : bindings.secrets()) {
            if (secret.boundTo(host)) {
                UnaryOperator<String> inject = v -> v.replace(secret.placeholder(), secret.value());
                url = inject.apply(url);
                headers = mapValues(headers, inject);
                String current = bodyText(bytes);
                if (current != null && current.contains(secret.placeholder())) {
                    bytes = inject.apply(current).getBytes(StandardCharsets.UTF_8);
                }
            }
        }
        if (!url.equals(exchange.url()) || !headers.equals(exchange.headers()) || bytes != exchange.body()) {
            exchange.rewrite(url, withContentLength(headers, bytes), bytes);
        }
        return null;
    }

    /** The name of what would leak (a secret, a detector id), or null. */
    private String leak(String host, HttpExchange exchange, String text) {
        List<String> places = new ArrayList<>();
        places.add(exchange.url());
        exchange.headers().values().forEach(places::addAll);
        if (text != null) {
            places.add(text);
        }
        for (SecretBindings.Secret secret : bindings.secrets()) {
            if (!secret.boundTo(host)) {
                for (String place : places) {
                    if (place != null && place.contains(secret.value())) {
                        return "secret " + secret.name();
                    }
                }
            }
        }
        if (!bindings.exfiltrationDetectors().isEmpty() && !bindings.exfiltrationApproved(host)) {
            Redactor detectors = klyo.redactor(bindings.exfiltrationDetectors());
            for (String place : places) {
                if (place != null) {
                    List<Finding> found = detectors.find(place);
                    if (!found.isEmpty()) {
                        return found.get(0).detectorId();
                    }
                }
            }
        }
        return null;
    }

    /**
     * Audited as a denial of the request in placeholder form, with every exfiltration detector
     * applied to the record.
     */
    private String exfiltrationDenied(HttpRequest action, String what) {
        String message = "Klyo denied http " + action.method() + " " + action.uri().getHost()
                + ": exfiltration of " + what + " to a host not approved for it";
        Decision decision = new Decision(Effect.DENY, true, klyo.policy().mode(), List.of(), List.of(),
                klyo.policy().revision(), false, bindings.exfiltrationDetectors());
        klyo.audit().write(AuditEvents.of(action, decision, 0L,
                klyo.redactor(bindings.exfiltrationDetectors()), message));
        return message;
    }

    private String conceal(String text) {
        String out = text;
        for (SecretBindings.Secret secret : bindings.secrets()) {
            out = out.replace(secret.value(), secret.placeholder());
        }
        return out;
    }

    private static String redactQuery(String url, Redactor redactor) {
        int q = url.indexOf('?');
        if (q < 0) {
            return url;
        }
        int hash = url.indexOf('#', q);
        String query = hash < 0 ? url.substring(q + 1) : url.substring(q + 1, hash);
        return url.substring(0, q + 1) + redactor.redactForm(query) + (hash < 0 ? "" : url.substring(hash));
    }

    private static Map<String, List<String>> mapValues(Map<String, List<String>> headers, UnaryOperator<String> f) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        headers.forEach((name, values) -> {
            List<String> mapped = new ArrayList<>(values.size());
            for (String v : values) {
                mapped.add(v == null ? null : f.apply(v));
            }
            out.put(name, mapped);
        });
        return out;
    }

    /** A client that already set Content-Length (OkHttp's network interceptors see it) must send the new one. */
    private static Map<String, List<String>> withContentLength(Map<String, List<String>> headers, byte[] body) {
        Map<String, List<String>> out = new LinkedHashMap<>(headers);
        for (String name : headers.keySet()) {
            if (name != null && name.equalsIgnoreCase("Content-Length")) {
                out.put(name, List.of(String.valueOf(body == null ? 0 : body.length)));
            }
        }
        return out;
    }

    /** The body as text when it is UTF-8; a binary body is neither redacted nor injected into. */
    private static String bodyText(byte[] body) {
        if (body == null) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException binary) {
            return null;
        }
    }
}
