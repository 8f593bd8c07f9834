package dev.klyo.javaagent.bootstrap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.URL;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code HttpURLConnection}'s last step before the wire: the JDK's internal HTTP client writes
 * the finished header block ({@code sun.net.www.MessageHeader}: request line, every header,
 * {@code Content-Length}) and the buffered body ({@code sun.net.www.http.PosterOutputStream},
 * which holds everything written to {@code getOutputStream()} unless a streaming mode is set).
 * Both are decided here, and rewritten as copies: the connection keeps its own headers and body,
 * so a retry or redirect starts again from what the application wrote.
 *
 * <p>The two types live in a package java.base does not export; the hook hands over a lookup
 * made inside java.base's {@code HttpClient}, through which their public members are reached.
 */
public final class HttpUrlConnectionWire {

    private static volatile Handles handles;

    private HttpUrlConnectionWire() {
    }

    /**
     * Decides one request; null when the header block and body go out unchanged, else the
     * header block and body to send instead.
     *
     * @param poster the buffered body, or null (no body, or a streamed one written after the headers)
     */
    public static Object[] exchange(MethodHandles.Lookup lookup, URL server, Object head, Object poster)
            throws IOException {
        Handles h = handles(lookup);
        try {
            String requestLine = null;
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (int i = 0; ; i++) {
                String key = (String) h.getKey.invoke(head, i);
                String value = (String) h.getValue.invoke(head, i);
                if (key == null) {
                    break;
                }
                if (i == 0 && value == null) {
                    requestLine = key;
                } else {
                    headers.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
                }
            }
            String[] parts = requestLine == null ? new String[0] : requestLine.split(" ");
            if (parts.length != 3 || parts[0].equals("CONNECT")) {
                return null;  // a proxy tunnel's CONNECT: the request inside the tunnel is decided
            }
            String method = parts[0];
            String target = parts[1];
            boolean absolute = !target.startsWith("/");
            String origin = server.getProtocol() + "://" + server.getHost() + (server.getPort() < 0 ? "" : ":" + server.getPort());
            byte[] body = poster == null ? null : ((ByteArrayOutputStream) poster).toByteArray();
            HttpExchange exchange = new HttpExchange(method, absolute ? target : origin + target, headers, body,
                    poster == null && hasBody(headers), HttpExchange.firstHeader(headers, "Content-Type"));
            Gate.exchange(exchange);
            if (!exchange.changed()) {
                return null;
            }
            String newTarget = absolute ? exchange.url() : exchange.url().substring(origin.length());
            Object newHead = h.newHeader.invoke();
            h.add.invoke(newHead, method + " " + newTarget + " " + parts[2], (String) null);
            for (Map.Entry<String, List<String>> header : exchange.headers().entrySet()) {
                for (String value : header.getValue()) {
                    h.add.invoke(newHead, header.getKey(), value);
                }
            }
            Object newPoster = poster;
            if (poster != null) {
                newPoster = h.newPoster.invoke();
                byte[] bytes = exchange.body() == null ? new byte[0] : exchange.body();
                ((ByteArrayOutputStream) newPoster).write(bytes, 0, bytes.length);
            }
            return new Object[] {newHead, newPoster};
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** What the hook stores back into argument {@code i}: the replacement, or the original when nothing changed. */
    public static Object replaced(Object[] replacement, int i, Object original) {
        return replacement == null ? original : replacement[i];
    }

    /** A streamed body: the headers announce one that is not buffered. */
    private static boolean hasBody(Map<String, List<String>> headers) {
        String length = HttpExchange.firstHeader(headers, "Content-Length");
        return HttpExchange.firstHeader(headers, "Transfer-Encoding") != null
                || length != null && !length.trim().equals("0");
    }


    private static Handles handles(MethodHandles.Lookup lookup) {
        Handles h = handles;
        if (h == null) {
            try {
                h = new Handles(lookup);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("unsupported JDK HTTP client internals", e);
            }
            handles = h;
        }
        return h;
    }

    private static final class Handles {
        final MethodHandle getKey;
        final MethodHandle getValue;
        final MethodHandle add;
        final MethodHandle newHeader;
        final MethodHandle newPoster;

        Handles(MethodHandles.Lookup lookup) throws ReflectiveOperationException {
            Class<?> header = Class.forName("sun.net.www.MessageHeader", false, null);
            Class<?> poster = Class.forName("sun.net.www.http.PosterOutputStream", false, null);
            getKey = lookup.findVirtual(header, "getKey", MethodType.methodType(String.class, int.class))
                    .asType(MethodType.methodType(String.class, Object.class, int.class));
            getValue = lookup.findVirtual(header, "getValue", MethodType.methodType(String.class, int.class))
                    .asType(MethodType.methodType(String.class, Object.class, int.class));
            add = lookup.findVirtual(header, "add", MethodType.methodType(void.class, String.class, String.class))
                    .asType(MethodType.methodType(void.class, Object.class, String.class, String.class));
            newHeader = lookup.findConstructor(header, MethodType.methodType(void.class))
                    .asType(MethodType.methodType(Object.class));
            newPoster = lookup.findConstructor(poster, MethodType.methodType(void.class))
                    .asType(MethodType.methodType(Object.class));
        }
    }
}
