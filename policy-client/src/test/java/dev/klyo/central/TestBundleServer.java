package dev.klyo.central;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A bundle server on loopback whose answers a test controls: body, ETag, status, delay; stoppable and restartable. */
final class TestBundleServer implements AutoCloseable {

    volatile byte[] body = new byte[0];
    volatile String etag;
    volatile int status = 200;
    volatile long delayMillis;
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger notModified = new AtomicInteger();
    final List<String> ifNoneMatch = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private int port;

    TestBundleServer start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/bundle", this::handle);
        // A slow answer must not hold up the next request.
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        port = server.getAddress().getPort();
        return this;
    }

    void serve(byte[] bytes, String tag) {
        body = bytes;
        etag = tag;
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + port + "/bundle");
    }

    void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        try (ex) {
            String inm = ex.getRequestHeaders().getFirst("If-None-Match");
            ifNoneMatch.add(inm == null ? "" : inm);
            if (delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
            if (status != 200) {
                ex.sendResponseHeaders(status, -1);
                return;
            }
            if (etag != null && inm != null && List.of(inm.split("\\s*,\\s*")).contains(etag)) {
                notModified.incrementAndGet();
                ex.sendResponseHeaders(304, -1);
                return;
            }
            if (etag != null) {
                ex.getResponseHeaders().set("ETag", etag);
            }
            byte[] b = body;
            ex.sendResponseHeaders(200, b.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(b);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The client gave up (read timeout): nothing to answer.
        }
    }

    @Override
    public void close() {
        stop();
    }
}
