package dev.klyo.javaagent.hooks;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.klyo.javaagent.bootstrap.Gate;
import dev.klyo.javaagent.bootstrap.HttpExchange;
import dev.klyo.javaagent.bootstrap.PublishedBody;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * {@code java.net.http.HttpClient}: {@code send} and both public {@code sendAsync} end in the
 * implementation's private four-argument {@code sendAsync}, hooked once so each request is
 * decided once. Asks: HTTP request with its body when the publisher can be read up front
 * ({@link PublishedBody}); a streamed body is decided as unseen ({@code bodySize: -1}). When
 * the decision rewrites the request (redaction, credential injection) the client sends a copy
 * built here, with the new body's length; the application's request object is not changed.
 * A denial completes the returned future exceptionally with the {@code IOException};
 * {@code send} rethrows it.
 */
public final class JdkHttpClientHook implements Hook {

    @Override
    public List<String> typeNames() {
        return List.of("jdk.internal.net.http.HttpClientImpl");
    }

    @Override
    public List<Advised> advice() {
        return List.of(Advised.of(named("sendAsync").and(takesArguments(4)), SendAsync.class));
    }

    public static final class SendAsync {
        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static IOException enter(@Advice.Argument(value = 0, readOnly = false) HttpRequest request) {
            try {
                HttpRequest.BodyPublisher publisher = request.bodyPublisher().isPresent()
                        ? request.bodyPublisher().get() : null;
                byte[] body = publisher == null ? null : PublishedBody.read(publisher, publisher.contentLength());
                HttpExchange exchange = new HttpExchange(request.method(), request.uri().toString(),
                        request.headers().map(), body, publisher != null && body == null,
                        request.headers().firstValue("Content-Type").orElse(null));
                Gate.exchange(exchange);
                if (exchange.changed()) {
                    // No lambdas here: advice is copied into the JDK's class, a lambda's body would not be.
                    HttpRequest.Builder copy = HttpRequest.newBuilder(URI.create(exchange.url()));
                    for (Map.Entry<String, List<String>> header : exchange.headers().entrySet()) {
                        for (String value : header.getValue()) {
                            copy.header(header.getKey(), value);
                        }
                    }
                    copy.method(request.method(), exchange.body() != null
                            ? HttpRequest.BodyPublishers.ofByteArray(exchange.body())
                            : publisher != null ? publisher : HttpRequest.BodyPublishers.noBody());
                    copy.expectContinue(request.expectContinue());
                    if (request.timeout().isPresent()) {
                        copy.timeout(request.timeout().get());
                    }
                    if (request.version().isPresent()) {
                        copy.version(request.version().get());
                    }
                    request = copy.build();
                }
                return null;
            } catch (IOException denied) {
                return denied;
            }
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Enter IOException denied,
                         @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object result) {
            if (denied != null) {
                result = CompletableFuture.failedFuture(denied);
            }
        }
    }
}
