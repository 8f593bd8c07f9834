package dev.klyo.action;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The body of an outbound request as the enforcement point saw it before sending. A
 * streamed body that cannot be buffered is {@link #NONE} with {@code size == -1}.
 */
public final class HttpBody {

    public static final HttpBody NONE = new HttpBody(new byte[0], 0);
    public static final HttpBody UNKNOWN = new HttpBody(new byte[0], -1);

    private final byte[] bytes;
    private final int size;

    private HttpBody(byte[] bytes, int size) {
        this.bytes = bytes;
        this.size = size;
    }

    public static HttpBody of(byte[] bytes) {
        return bytes == null || bytes.length == 0 ? NONE : new HttpBody(bytes.clone(), bytes.length);
    }

    public static HttpBody of(String text) {
        return text == null ? NONE : of(text.getBytes(StandardCharsets.UTF_8));
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    /** Size in bytes; -1 when the body exists but could not be seen. */
    public int size() {
        return size;
    }

    /** The body decoded as UTF-8 (lossy for binary bodies). */
    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HttpBody other && size == other.size && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes) * 31 + size;
    }

    @Override
    public String toString() {
        return size < 0 ? "HttpBody[unseen]" : "HttpBody[" + size + " bytes]";
    }
}
