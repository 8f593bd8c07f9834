package dev.klyo.javaagent.bootstrap;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OkHttp's network interceptor, as a dynamic proxy of {@code okhttp3.Interceptor}: the proxy
 * class is defined in OkHttp's own class loader, so the agent needs no class of its own in the
 * application's loader. As a network interceptor it runs for every hop — redirects and
 * retries included — before the request is written. The OkHttp methods it calls are looked
 * up once per OkHttp copy and cached.
 */
public final class OkHttpGate implements InvocationHandler {

    public static final OkHttpGate INSTANCE = new OkHttpGate();

    private static final ClassValue<Accessors> ACCESSORS = new ClassValue<Accessors>() {
        @Override
        protected Accessors computeValue(Class<?> interceptorType) {
            try {
                return new Accessors(interceptorType.getClassLoader());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("unsupported OkHttp version", e);
            }
        }
    };

    private OkHttpGate() {
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "intercept":
                return intercept(method.getDeclaringClass(), args[0]);
            case "equals":
                return proxy == args[0];
            case "hashCode":
                return System.identityHashCode(proxy);
            case "toString":
                return "KlyoInterceptor";
            default:
                throw new UnsupportedOperationException(method.getName());
        }
    }

    private static Object intercept(Class<?> interceptorType, Object chain) throws Throwable {
        Accessors a = ACCESSORS.get(interceptorType);
        try {
            Object request = a.chainRequest.invoke(chain);
            Object headers = a.requestHeaders.invoke(request);
            Map<String, List<String>> headerMap = new LinkedHashMap<>();
            int n = (Integer) a.headersSize.invoke(headers);
            for (int i = 0; i < n; i++) {
                headerMap.computeIfAbsent((String) a.headerName.invoke(headers, i), k -> new ArrayList<>())
                        .add((String) a.headerValue.invoke(headers, i));
            }
            Object body = a.requestBody.invoke(request);
            Object mediaType = body == null ? null : a.bodyContentType.invoke(body);
            byte[] bytes = null;
            // A one-shot or duplex body can be written once only: reading it here would consume it.
            if (body != null && !(Boolean) a.bodyIsOneShot.invoke(body) && !(Boolean) a.bodyIsDuplex.invoke(body)) {
                Object buffer = a.newBuffer.newInstance();
                a.bodyWriteTo.invoke(body, buffer);
                bytes = (byte[]) a.bufferReadByteArray.invoke(buffer);
            }
            String method = (String) a.requestMethod.invoke(request);
            HttpExchange exchange = new HttpExchange(method, String.valueOf(a.requestUrl.invoke(request)), headerMap,
                    bytes, body != null && bytes == null, mediaType == null ? null : mediaType.toString());
            Gate.exchange(exchange);
            if (exchange.changed()) {
                Object newHeaders = a.newHeadersBuilder.newInstance();
                for (Map.Entry<String, List<String>> header : exchange.headers().entrySet()) {
                    for (String value : header.getValue()) {
                        a.headersAdd.invoke(newHeaders, header.getKey(), value);
                    }
                }
                Object builder = a.newBuilder.invoke(request);
                a.builderUrl.invoke(builder, exchange.url());
                a.builderHeaders.invoke(builder, a.headersBuild.invoke(newHeaders));
                a.builderMethod.invoke(builder, method,
                        bytes == null ? body : a.createBody.invoke(null, mediaType, exchange.body()));
                request = a.builderBuild.invoke(builder);
            }
            return a.proceed.invoke(chain, request);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** True for the interceptor this class backs: the hook adds it once per builder. */
    public static boolean isKlyo(Object interceptor) {
        return java.lang.reflect.Proxy.isProxyClass(interceptor.getClass())
                && java.lang.reflect.Proxy.getInvocationHandler(interceptor) == INSTANCE;
    }

    private static final class Accessors {
        final Method chainRequest;
        final Method proceed;
        final Method requestMethod;
        final Method requestUrl;
        final Method requestHeaders;
        final Method requestBody;
        final Method headersSize;
        final Method headerName;
        final Method headerValue;
        final Method bodyContentType;
        final Method bodyIsOneShot;
        final Method bodyIsDuplex;
        final Method bodyWriteTo;
        final Constructor<?> newBuffer;
        final Method bufferReadByteArray;
        final Constructor<?> newHeadersBuilder;
        final Method headersAdd;
        final Method headersBuild;
        final Method newBuilder;
        final Method builderUrl;
        final Method builderHeaders;
        final Method builderMethod;
        final Method builderBuild;
        final Method createBody;

        Accessors(ClassLoader okhttp) throws ReflectiveOperationException {
            Class<?> chain = Class.forName("okhttp3.Interceptor$Chain", false, okhttp);
            Class<?> request = Class.forName("okhttp3.Request", false, okhttp);
            chainRequest = chain.getMethod("request");
            proceed = chain.getMethod("proceed", request);
            requestMethod = request.getMethod("method");
            requestUrl = request.getMethod("url");
            requestHeaders = request.getMethod("headers");
            requestBody = request.getMethod("body");
            Class<?> headers = Class.forName("okhttp3.Headers", false, okhttp);
            headersSize = headers.getMethod("size");
            headerName = headers.getMethod("name", int.class);
            headerValue = headers.getMethod("value", int.class);
            Class<?> body = Class.forName("okhttp3.RequestBody", false, okhttp);
            Class<?> mediaType = Class.forName("okhttp3.MediaType", false, okhttp);
            bodyContentType = body.getMethod("contentType");
            bodyIsOneShot = body.getMethod("isOneShot");
            bodyIsDuplex = body.getMethod("isDuplex");
            bodyWriteTo = body.getMethod("writeTo", Class.forName("okio.BufferedSink", false, okhttp));
            Class<?> buffer = Class.forName("okio.Buffer", false, okhttp);
            newBuffer = buffer.getConstructor();
            bufferReadByteArray = buffer.getMethod("readByteArray");
            Class<?> headersBuilder = Class.forName("okhttp3.Headers$Builder", false, okhttp);
            newHeadersBuilder = headersBuilder.getConstructor();
            headersAdd = headersBuilder.getMethod("add", String.class, String.class);
            headersBuild = headersBuilder.getMethod("build");
            Class<?> requestBuilder = Class.forName("okhttp3.Request$Builder", false, okhttp);
            newBuilder = request.getMethod("newBuilder");
            builderUrl = requestBuilder.getMethod("url", String.class);
            builderHeaders = requestBuilder.getMethod("headers", headers);
            builderMethod = requestBuilder.getMethod("method", String.class, body);
            builderBuild = requestBuilder.getMethod("build");
            createBody = body.getMethod("create", mediaType, byte[].class);
        }
    }
}
