package dev.klyo.javaagent.bootstrap;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The receiving end of an Apache HttpClient 5 async entity producer, as a dynamic proxy of
 * {@code DataStreamChannel} (defined in Apache's class loader, like {@link OkHttpGate}): the
 * hook asks the producer to write into it before the client does. Only repeatable producers
 * are read this way — they start over after {@code releaseResources()}, which the hook calls
 * next — and only up to {@link PublishedBody#MAX} bytes. A producer that stops writing without
 * ending its stream (it waits for data from elsewhere), writes more than that, or ends with
 * trailers is reported unseen.
 */
public final class ProducedBody implements InvocationHandler {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final long limit;
    private boolean progressed = true;
    private boolean ended;
    private boolean unseen;

    /** @param contentLength the producer's declared length, or -1 when it does not know it */
    public ProducedBody(long contentLength) {
        this.limit = contentLength >= 0 ? contentLength : PublishedBody.MAX;
    }

    /** Whether the producer should be asked again: it wrote something last time and has not finished. */
    public synchronized boolean more() {
        boolean again = progressed && !ended && !unseen;
        progressed = false;
        return again;
    }

    /** The bytes the producer wrote, or null when they are not the whole body. */
    public synchronized byte[] body(long contentLength) {
        return ended && !unseen && (contentLength < 0 || bytes.size() == contentLength) ? bytes.toByteArray() : null;
    }

    @Override
    public synchronized Object invoke(Object proxy, Method method, Object[] args) {
        switch (method.getName()) {
            case "write":
                return write(args[0]);
            case "endStream":
                ended = true;
                // Trailers would be lost in a rewritten body.
                unseen |= args != null && args.length == 1 && args[0] instanceof List<?> trailers && !trailers.isEmpty();
                return null;
            case "requestOutput":
                return null;
            case "equals":
                return proxy == args[0];
            case "hashCode":
                return System.identityHashCode(proxy);
            case "toString":
                return "KlyoBodyReader";
            default:
                throw new UnsupportedOperationException(method.getName());
        }
    }

    private int write(Object buffer) {
        if (!(buffer instanceof ByteBuffer source) || ended) {
            unseen = true;
            return 0;
        }
        int n = source.remaining();
        if (bytes.size() + (long) n > limit) {
            unseen = true;
            return 0;
        }
        byte[] chunk = new byte[n];
        source.get(chunk);
        bytes.write(chunk, 0, n);
        progressed |= n > 0;
        return n;
    }
}
