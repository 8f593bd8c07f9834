package dev.klyo.javaagent.bootstrap;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * {@code java.net.http.HttpClient}'s private four-argument {@code sendAsync}, where {@code send}
 * and both public {@code sendAsync} end: the request is decided with its body when the publisher
 * can be read up front ({@link PublishedBody}); a streamed body is decided as unseen. When the
 * decision rewrites the request (redaction, credential injection) the client sends a copy built
 * here, with the new body's length; the application's request object is not changed.
 *
 * <p>Redirects the client follows itself never pass through {@code sendAsync}: each hop is built
 * by {@code HttpRequestImpl.newInstanceForRedirection} and decided in {@link #redirect}.
 *
 * <p>The {@code java.net.http} module belongs to the platform class loader, which the bootstrap
 * class loader cannot see: its types are reached through method handles, found once.
 */
public final class JdkHttpSend {

    private static volatile Api api;

    private JdkHttpSend() {
    }

    /**
     * The request the client goes on with (the application's, or a rewritten copy), or — denied —
     * a future already failed with the {@code IOException}, which the hook returns in place of
     * sending: callers of {@code sendAsync} see it there, {@code send} rethrows it.
     */
    public static Object decide(Object request) throws Throwable {
        Api a = api();
        Object publisher = ((Optional<?>) a.bodyPublisher.invoke(request)).orElse(null);
        byte[] body = publisher == null ? null
                : PublishedBody.read(publisher(publisher), (long) a.contentLength.invoke(publisher));
        Map<String, List<String>> headers = headers(a, request);
        HttpExchange exchange = new HttpExchange((String) a.method.invoke(request), a.uri.invoke(request).toString(),
                headers, body, publisher != null && body == null, HttpExchange.firstHeader(headers, "Content-Type"));
        try {
            Gate.exchange(exchange);
        } catch (IOException denied) {
            return CompletableFuture.failedFuture(denied);
        }
        return exchange.changed() ? copy(a, request, exchange, publisher) : request;
    }

    /**
     * A redirect hop, decided as a new request: headers as the previous hop sent them (it may
     * carry an injected credential, which the exchange checks against the new host: a redirect
     * elsewhere is denied), the body unseen. A rewrite cannot be applied to a hop the client
     * builds itself; it is decided only. The denial fails the exchange with this IOException.
     */
    public static void redirect(URI uri, String method, Object previous, boolean mayHaveBody) throws Throwable {
        Gate.exchange(new HttpExchange(method, uri.toString(), headers(api(), previous), null, mayHaveBody, null));
    }

    private static Object copy(Api a, Object request, HttpExchange exchange, Object publisher) throws Throwable {
        Object copy = a.newBuilder.invoke(URI.create(exchange.url()));
        for (Map.Entry<String, List<String>> header : exchange.headers().entrySet()) {
            for (String value : header.getValue()) {
                a.header.invoke(copy, header.getKey(), value);
            }
        }
        Object newBody = exchange.body() != null ? a.ofByteArray.invoke(exchange.body())
                : publisher != null ? publisher : a.noBody.invoke();
        a.setMethod.invoke(copy, (String) a.method.invoke(request), newBody);
        a.setExpectContinue.invoke(copy, (boolean) a.expectContinue.invoke(request));
        Optional<?> timeout = (Optional<?>) a.timeout.invoke(request);
        if (timeout.isPresent()) {
            a.setTimeout.invoke(copy, (Duration) timeout.get());
        }
        Optional<?> version = (Optional<?>) a.version.invoke(request);
        if (version.isPresent()) {
            a.setVersion.invoke(copy, version.get());
        }
        return a.build.invoke(copy);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, List<String>> headers(Api a, Object request) throws Throwable {
        return (Map<String, List<String>>) a.headersMap.invoke(a.headers.invoke(request));
    }

    @SuppressWarnings("unchecked")
    private static Flow.Publisher<ByteBuffer> publisher(Object publisher) {
        return (Flow.Publisher<ByteBuffer>) publisher;
    }

    private static Api api() throws ReflectiveOperationException {
        Api a = api;
        if (a == null) {
            a = new Api();
            api = a;
        }
        return a;
    }

    /** The public {@code java.net.http} API the hook needs, typed as Object on this side. */
    private static final class Api {
        final MethodHandle bodyPublisher;
        final MethodHandle contentLength;
        final MethodHandle method;
        final MethodHandle uri;
        final MethodHandle headers;
        final MethodHandle headersMap;
        final MethodHandle expectContinue;
        final MethodHandle timeout;
        final MethodHandle version;
        final MethodHandle newBuilder;
        final MethodHandle header;
        final MethodHandle setMethod;
        final MethodHandle setExpectContinue;
        final MethodHandle setTimeout;
        final MethodHandle setVersion;
        final MethodHandle build;
        final MethodHandle ofByteArray;
        final MethodHandle noBody;

        Api() throws ReflectiveOperationException {
            ClassLoader platform = ClassLoader.getPlatformClassLoader();
            Class<?> request = Class.forName("java.net.http.HttpRequest", false, platform);
            Class<?> publisher = Class.forName("java.net.http.HttpRequest$BodyPublisher", false, platform);
            Class<?> publishers = Class.forName("java.net.http.HttpRequest$BodyPublishers", false, platform);
            Class<?> builder = Class.forName("java.net.http.HttpRequest$Builder", false, platform);
            Class<?> httpHeaders = Class.forName("java.net.http.HttpHeaders", false, platform);
            Class<?> httpVersion = Class.forName("java.net.http.HttpClient$Version", false, platform);
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            bodyPublisher = lookup.findVirtual(request, "bodyPublisher", MethodType.methodType(Optional.class));
            contentLength = lookup.findVirtual(publisher, "contentLength", MethodType.methodType(long.class));
            method = lookup.findVirtual(request, "method", MethodType.methodType(String.class));
            uri = lookup.findVirtual(request, "uri", MethodType.methodType(URI.class));
            headers = lookup.findVirtual(request, "headers", MethodType.methodType(httpHeaders));
            headersMap = lookup.findVirtual(httpHeaders, "map", MethodType.methodType(Map.class));
            expectContinue = lookup.findVirtual(request, "expectContinue", MethodType.methodType(boolean.class));
            timeout = lookup.findVirtual(request, "timeout", MethodType.methodType(Optional.class));
            version = lookup.findVirtual(request, "version", MethodType.methodType(Optional.class));
            newBuilder = lookup.findStatic(request, "newBuilder", MethodType.methodType(builder, URI.class));
            header = lookup.findVirtual(builder, "header", MethodType.methodType(builder, String.class, String.class));
            setMethod = lookup.findVirtual(builder, "method", MethodType.methodType(builder, String.class, publisher));
            setExpectContinue = lookup.findVirtual(builder, "expectContinue", MethodType.methodType(builder, boolean.class));
            setTimeout = lookup.findVirtual(builder, "timeout", MethodType.methodType(builder, Duration.class));
            setVersion = lookup.findVirtual(builder, "version", MethodType.methodType(builder, httpVersion));
            build = lookup.findVirtual(builder, "build", MethodType.methodType(request));
            ofByteArray = lookup.findStatic(publishers, "ofByteArray", MethodType.methodType(publisher, byte[].class));
            noBody = lookup.findStatic(publishers, "noBody", MethodType.methodType(publisher));
        }
    }
}
