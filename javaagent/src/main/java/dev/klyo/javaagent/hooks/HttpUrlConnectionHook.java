package dev.klyo.javaagent.hooks;

import dev.klyo.javaagent.bootstrap.HttpUrlConnectionWire;
import java.lang.invoke.MethodHandles;
import java.net.URL;

/**
 * {@code HttpURLConnection} (and HTTPS, which delegates to the same classes): decided where the
 * JDK's internal HTTP client ({@code sun.net.www.http.HttpClient}) writes a request — the
 * header block, then the body buffered from {@code getOutputStream()} — so the decision sees
 * the finished headers and the whole body, and nothing of the request has left yet. Every
 * redirect hop and retry writes through here again. {@code writeRequests(head)} is the
 * streaming path ({@code setFixedLengthStreamingMode}, {@code setChunkedStreamingMode}): the
 * body follows the headers unseen. Asks: HTTP request with body; see
 * {@link HttpUrlConnectionWire}.
 */
public final class HttpUrlConnectionHook implements JdkHook {

    @Override
    public String type() {
        return "sun/net/www/http/HttpClient";
    }

    @Override
    public boolean hooks(int access, String name, String descriptor) {
        return name.equals("writeRequests") && (JdkHook.arity(descriptor) == 1 || JdkHook.arity(descriptor) == 2);
    }

    /** The lookup is made here, inside java.base, where the wire's types are accessible. */
    @Override
    public void onEnter(Code code) {
        boolean buffered = code.arity() == 2;
        code.call(MethodHandles.class, "lookup").field("url", URL.class).arg(0);
        if (buffered) {
            code.arg(1);
        } else {
            code.nothing();
        }
        code.call(HttpUrlConnectionWire.class, "exchange", MethodHandles.Lookup.class, URL.class, Object.class,
                Object.class);
        code.dup().constant(0).arg(0).call(HttpUrlConnectionWire.class, "replaced", Object[].class, int.class,
                Object.class).storeArg(0);
        if (buffered) {
            code.constant(1).arg(1).call(HttpUrlConnectionWire.class, "replaced", Object[].class, int.class,
                    Object.class).storeArg(1);
        } else {
            code.pop();
        }
    }
}
