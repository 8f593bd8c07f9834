package dev.klyo.javaagent.hooks;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.klyo.javaagent.bootstrap.Gate;
import dev.klyo.javaagent.bootstrap.HttpExchange;
import dev.klyo.javaagent.bootstrap.ProducedBody;
import dev.klyo.javaagent.bootstrap.PublishedBody;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;
import org.apache.hc.core5.http.nio.DataStreamChannel;
import org.apache.hc.core5.http.nio.entity.BasicAsyncEntityProducer;

/**
 * Apache HttpClient 5, classic and async: the protocol stage of the execution chain
 * ({@code ProtocolExec}, {@code AsyncProtocolExec}), which runs once per hop — after the
 * redirect stage, before a connection is leased and before the protocol interceptors add
 * {@code Content-Length} — so every redirect is decided as a new request. The request there is
 * the client's own copy of the application's. Asks: HTTP request with its body when it can be
 * read without consuming it: a classic entity with a known length (a repeatable entity is read
 * again by the client; any other is read once and replaced by the bytes read); an async entity
 * producer that is repeatable and has no content encoding ({@code SimpleHttpRequest} bodies,
 * {@code BasicAsyncEntityProducer}, {@code StringAsyncEntityProducer}, files), drained into
 * {@link ProducedBody} and rewound. Any other body is decided as unseen. A rewrite (redaction,
 * credential injection) is applied to the copy: URI, headers and the body (a
 * {@code ByteArrayEntity}, or a {@code BasicAsyncEntityProducer} handed down the chain instead
 * of the application's producer). A denial is an {@code IOException}, which both stages declare.
 */
public final class ApacheHttpClientHook implements Hook {

    @Override
    public List<String> typeNames() {
        return List.of("org.apache.hc.client5.http.impl.classic.ProtocolExec",
                "org.apache.hc.client5.http.impl.async.AsyncProtocolExec");
    }

    @Override
    public List<Advised> advice() {
        return List.of(Advised.of(named("execute").and(takesArguments(3).or(takesArguments(5))), Execute.class));
    }

    /** Both stages: the classic one's second argument is the scope, the async one's the body producer. */
    public static final class Execute {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) HttpRequest request,
                          @Advice.Argument(value = 1, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object second)
                throws Exception {
            // No lambdas here: advice is copied into Apache's class, a lambda's body would not be.
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (Header h : request.getHeaders()) {
                List<String> values = headers.get(h.getName());
                if (values == null) {
                    values = new ArrayList<>();
                    headers.put(h.getName(), values);
                }
                values.add(h.getValue());
            }
            HttpEntity entity = request instanceof ClassicHttpRequest ? ((ClassicHttpRequest) request).getEntity() : null;
            AsyncEntityProducer producer = second instanceof AsyncEntityProducer ? (AsyncEntityProducer) second : null;
            byte[] body = null;
            if (entity != null && entity.getContentLength() >= 0 && entity.getContentLength() <= PublishedBody.MAX) {
                body = EntityUtils.toByteArray(entity);
                if (!entity.isRepeatable()) {
                    ((ClassicHttpRequest) request).setEntity(new ByteArrayEntity(body,
                            ContentType.parseLenient(entity.getContentType()), entity.getContentEncoding(),
                            entity.isChunked()));
                }
            }
            if (producer != null && producer.isRepeatable() && producer.getContentEncoding() == null
                    && producer.getContentLength() <= PublishedBody.MAX) {
                ProducedBody reader = new ProducedBody(producer.getContentLength());
                DataStreamChannel channel = (DataStreamChannel) Proxy.newProxyInstance(
                        DataStreamChannel.class.getClassLoader(), new Class<?>[] {DataStreamChannel.class}, reader);
                try {
                    while (reader.more()) {
                        producer.produce(channel);
                    }
                    body = reader.body(producer.getContentLength());
                } finally {
                    // A repeatable producer starts over: the client sends it from the beginning.
                    producer.releaseResources();
                }
            }
            boolean unseen = (entity != null || producer != null) && body == null;
            String contentType = entity != null ? entity.getContentType()
                    : producer != null ? producer.getContentType() : null;
            HttpExchange exchange = new HttpExchange(request.getMethod(), request.getUri().toString(), headers, body,
                    unseen, contentType);
            Gate.exchange(exchange);
            if (exchange.changed()) {
                request.setUri(URI.create(exchange.url()));
                request.setHeaders();
                for (Map.Entry<String, List<String>> header : exchange.headers().entrySet()) {
                    for (String value : header.getValue()) {
                        request.addHeader(header.getKey(), value);
                    }
                }
                if (body != null && entity != null) {
                    ((ClassicHttpRequest) request).setEntity(new ByteArrayEntity(exchange.body(),
                            ContentType.parseLenient(entity.getContentType()), entity.getContentEncoding(),
                            entity.isChunked()));
                }
                if (body != null && producer != null && exchange.body() != body) {
                    // Content-Length is computed from this producer further down the stage.
                    second = new BasicAsyncEntityProducer(exchange.body(), ContentType.parseLenient(contentType),
                            producer.isChunked());
                }
            }
        }
    }
}
