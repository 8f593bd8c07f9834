package dev.klyo.central;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;

/**
 * The HTTP calls central policy makes (bundle polls, remote decisions, audit shipping), with
 * bounded timeouts and bounded answers. {@link HttpURLConnection} on purpose: it does its I/O
 * on the calling thread, so an enforcement point can recognise Klyo's own traffic by thread.
 */
public final class HttpCalls {

    private HttpCalls() {
    }

    public static HttpURLConnection open(URI url, Duration connectTimeout, Duration readTimeout) throws IOException {
        HttpURLConnection c = (HttpURLConnection) url.toURL().openConnection();
        c.setConnectTimeout((int) connectTimeout.toMillis());
        c.setReadTimeout((int) readTimeout.toMillis());
        c.setUseCaches(false);
        return c;
    }

    /** Opens a connection and sends {@code body} as a POST; the caller reads the answer and disconnects. */
    public static HttpURLConnection post(URI url, Duration connectTimeout, Duration readTimeout, String contentType,
                                         byte[] body) throws IOException {
        HttpURLConnection c = open(url, connectTimeout, readTimeout);
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setRequestProperty("Content-Type", contentType);
        c.setFixedLengthStreamingMode(body.length);
        try (OutputStream out = c.getOutputStream()) {
            out.write(body);
        }
        return c;
    }

    /** Reads all of {@code in}, refusing (with an IOException) more than {@code max} bytes rather than buffering them. */
    public static byte[] readAtMost(InputStream in, int max) throws IOException {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            int n;
            while ((n = in.read(chunk)) > 0) {
                if (out.size() + n > max) {
                    throw new IOException("answer larger than " + max + " bytes");
                }
                out.write(chunk, 0, n);
            }
            return out.toByteArray();
        }
    }
}
