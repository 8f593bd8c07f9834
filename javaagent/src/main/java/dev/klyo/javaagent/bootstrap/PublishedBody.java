package dev.klyo.javaagent.bootstrap;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;

/**
 * Reads a JDK HttpClient body publisher through a subscription of its own, before the client
 * subscribes. Only publishers with a known length that deliver everything synchronously on
 * {@code request} — {@code ofString}, {@code ofByteArray(s)}, {@code ofFile}, {@code noBody} —
 * can be read this way; those may be subscribed to again by the client. Anything else
 * ({@code ofInputStream}, {@code fromPublisher}, a length of -1, a body larger than
 * {@link #MAX}) is reported unseen rather than consumed or waited for.
 */
public final class PublishedBody implements Flow.Subscriber<ByteBuffer> {

    /** Larger bodies are decided as unseen rather than copied into memory. */
    public static final long MAX = 16L * 1024 * 1024;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private boolean complete;
    private boolean failed;

    private PublishedBody() {
    }

    /** The bytes the publisher would send, or null when they cannot be read without streaming. */
    public static byte[] read(Flow.Publisher<ByteBuffer> publisher, long contentLength) {
        if (contentLength < 0 || contentLength > MAX) {
            return null;
        }
        PublishedBody subscriber = new PublishedBody();
        publisher.subscribe(subscriber);
        synchronized (subscriber) {
            return subscriber.complete && !subscriber.failed && subscriber.bytes.size() == contentLength
                    ? subscriber.bytes.toByteArray() : null;
        }
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public synchronized void onNext(ByteBuffer item) {
        byte[] chunk = new byte[item.remaining()];
        item.get(chunk);
        bytes.write(chunk, 0, chunk.length);
    }

    @Override
    public synchronized void onError(Throwable throwable) {
        failed = true;
    }

    @Override
    public synchronized void onComplete() {
        complete = true;
    }
}
