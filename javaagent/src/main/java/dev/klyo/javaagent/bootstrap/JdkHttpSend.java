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

    private JdkHttpSend() {
    }

    /**
     * The request the client goes on with (the application's, or a rewritten copy), or — denied —
     * a future already failed with the {@code IOException}, which the hook returns in place of
     * sending: callers of {@code sendAsync} see it there, {@code send} rethrows it.
     */
    public static Object decide(Object request) throws Throwable {
        Object publisher = ((Optional<?>) (Object) Api.BODY_PUBLISHER.invokeExact(request)).orElse(null);
        byte[] body = publisher == null ? null
                : PublishedBody.read(publisher(publisher), (long) (Object) Api.CONTENT_LENGTH.invokeExact(publisher));
        Map<String, List<String>> headers = headers(request);
        HttpExchange exchange = new HttpExchange((String) (Object) Api.METHOD.invokeExact(request),
                String.valueOf((Object) Api.URI.invokeExact(request)), headers, body, publisher != null && body == null,
                HttpExchange.firstHeader(headers, "Content-Type"));
        try {
            Gate.exchange(exchange);
        } catch (IOException denied) {
            return CompletableFuture.failedFuture(denied);
        }
        return exchange.changed() ? copy(request, exchange, publisher) : request;
    }

    /**
     * A redirect hop, decided as a new request: headers as the previous hop sent them (it may
     * carry an injected credential, which the exchange checks against the new host: a redirect
     * elsewhere is denied), the body unseen. A rewrite cannot be applied to a hop the client
     * builds itself; it is decided only. The denial fails the exchange with this IOException.
     */
    public static void redirect(URI uri, String method, Object previous, boolean mayHaveBody) throws Throwable {
        Gate.exchange(new HttpExchange(method, uri.toString(), headers(previous), null, mayHaveBody, null));
    }

    private static Object copy(Object request, HttpExchange exchange, Object publisher) throws Throwable {
        Object copy = (Object) Api.NEW_BUILDER.invokeExact((Object) URI.create(exchange.url()));
        for (Map.Entry<String, List<String>> header : exchange.headers().entrySet()) {
            for (String value : header.getValue()) {
                Api.HEADER.invokeExact(copy, (Object) header.getKey(), (Object) value);
            }
        }
        Object newBody = exchange.body() != null ? (Object) Api.OF_BYTE_ARRAY.invokeExact((Object) exchange.body())
                : publisher != null ? publisher : (Object) Api.NO_BODY.invokeExact();
        Api.SET_METHOD.invokeExact(copy, (Object) Api.METHOD.invokeExact(request), newBody);
        Api.SET_EXPECT_CONTINUE.invokeExact(copy, (Object) Api.EXPECT_CONTINUE.invokeExact(request));
        Optional<?> timeout = (Optional<?>) (Object) Api.TIMEOUT.invokeExact(request);
        if (timeout.isPresent()) {
            Api.SET_TIMEOUT.invokeExact(copy, (Object) timeout.get());
        }
        Optional<?> version = (Optional<?>) (Object) Api.VERSION.invokeExact(request);
        if (version.isPresent()) {
            Api.SET_VERSION.invokeExact(copy, (Object) version.get());
        }
        return (Object) Api.BUILD.invokeExact(copy);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, List<String>> headers(Object request) throws Throwable {
        return (Map<String, List<String>>) (Object) Api.HEADERS_MAP.invokeExact((Object) Api.HEADERS.invokeExact(request));
    }

    @SuppressWarnings("unchecked")
    private static Flow.Publisher<ByteBuffer> publisher(Object publisher) {
        return (Flow.Publisher<ByteBuffer>) publisher;
    }

    /**
     * The public {@code java.net.http} API the hooks need, found when first used. Constant
     * handles taking and returning Object, so the JIT inlines them like direct calls.
     */
    private static final class Api {
        static final MethodHandle BODY_PUBLISHER;
        static final MethodHandle CONTENT_LENGTH;
        static final MethodHandle METHOD;
        static final MethodHandle URI;
        static final MethodHandle HEADERS;
        static final MethodHandle HEADERS_MAP;
        static final MethodHandle EXPECT_CONTINUE;
        static final MethodHandle TIMEOUT;
        static final MethodHandle VERSION;
        static final MethodHandle NEW_BUILDER;
        static final MethodHandle HEADER;
        static final MethodHandle SET_METHOD;
        static final MethodHandle SET_EXPECT_CONTINUE;
        static final MethodHandle SET_TIMEOUT;
        static final MethodHandle SET_VERSION;
        static final MethodHandle BUILD;
        static final MethodHandle OF_BYTE_ARRAY;
        static final MethodHandle NO_BODY;

        static {
            try {
                ClassLoader platform = ClassLoader.getPlatformClassLoader();
                Class<?> request = Class.forName("java.net.http.HttpRequest", false, platform);
                Class<?> publisher = Class.forName("java.net.http.HttpRequest$BodyPublisher", false, platform);
                Class<?> publishers = Class.forName("java.net.http.HttpRequest$BodyPublishers", false, platform);
                Class<?> builder = Class.forName("java.net.http.HttpRequest$Builder", false, platform);
                Class<?> headers = Class.forName("java.net.http.HttpHeaders", false, platform);
                Class<?> version = Class.forName("java.net.http.HttpClient$Version", false, platform);
                MethodHandles.Lookup lookup = MethodHandles.publicLookup();
                BODY_PUBLISHER = generic(lookup.findVirtual(request, "bodyPublisher", MethodType.methodType(Optional.class)));
                CONTENT_LENGTH = generic(lookup.findVirtual(publisher, "contentLength", MethodType.methodType(long.class)));
                METHOD = generic(lookup.findVirtual(request, "method", MethodType.methodType(String.class)));
                URI = generic(lookup.findVirtual(request, "uri", MethodType.methodType(java.net.URI.class)));
                HEADERS = generic(lookup.findVirtual(request, "headers", MethodType.methodType(headers)));
                HEADERS_MAP = generic(lookup.findVirtual(headers, "map", MethodType.methodType(Map.class)));
                EXPECT_CONTINUE = generic(lookup.findVirtual(request, "expectContinue", MethodType.methodType(boolean.class)));
                TIMEOUT = generic(lookup.findVirtual(request, "timeout", MethodType.methodType(Optional.class)));
                VERSION = generic(lookup.findVirtual(request, "version", MethodType.methodType(Optional.class)));
                NEW_BUILDER = generic(lookup.findStatic(request, "newBuilder", MethodType.methodType(builder, java.net.URI.class)));
                HEADER = setter(lookup.findVirtual(builder, "header", MethodType.methodType(builder, String.class, String.class)));
                SET_METHOD = setter(lookup.findVirtual(builder, "method", MethodType.methodType(builder, String.class, publisher)));
                SET_EXPECT_CONTINUE = setter(lookup.findVirtual(builder, "expectContinue",
                        MethodType.methodType(builder, boolean.class)));
                SET_TIMEOUT = setter(lookup.findVirtual(builder, "timeout", MethodType.methodType(builder, Duration.class)));
                SET_VERSION = setter(lookup.findVirtual(builder, "version", MethodType.methodType(builder, version)));
                BUILD = generic(lookup.findVirtual(builder, "build", MethodType.methodType(request)));
                OF_BYTE_ARRAY = generic(lookup.findStatic(publishers, "ofByteArray", MethodType.methodType(publisher, byte[].class)));
                NO_BODY = generic(lookup.findStatic(publishers, "noBody", MethodType.methodType(publisher)));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("java.net.http is not as this hook knows it", e);
            }
        }

        private Api() {
        }

        private static MethodHandle generic(MethodHandle handle) {
            return handle.asType(handle.type().generic());
        }

        /** A builder method, called for its effect: the builder it returns is the one called. */
        private static MethodHandle setter(MethodHandle handle) {
            return handle.asType(handle.type().generic().changeReturnType(void.class));
        }
    }
}
