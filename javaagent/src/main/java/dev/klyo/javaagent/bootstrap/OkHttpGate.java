package dev.klyo.javaagent.bootstrap;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
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
            @SuppressWarnings("unchecked")
            Map<String, List<String>> headers =
                    (Map<String, List<String>>) a.toMultimap.invoke(a.requestHeaders.invoke(request));
            Gate.http((String) a.requestMethod.invoke(request), String.valueOf(a.requestUrl.invoke(request)), headers,
                    a.requestBody.invoke(request) != null);
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
        final Method toMultimap;

        Accessors(ClassLoader okhttp) throws ReflectiveOperationException {
            Class<?> chain = Class.forName("okhttp3.Interceptor$Chain", false, okhttp);
            Class<?> request = Class.forName("okhttp3.Request", false, okhttp);
            chainRequest = chain.getMethod("request");
            proceed = chain.getMethod("proceed", request);
            requestMethod = request.getMethod("method");
            requestUrl = request.getMethod("url");
            requestHeaders = request.getMethod("headers");
            requestBody = request.getMethod("body");
            toMultimap = Class.forName("okhttp3.Headers", false, okhttp).getMethod("toMultimap");
        }
    }
}
