package dev.klyo.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/** A stand-in OPA on loopback: answers a scripted body, status or delay, and keeps every input it received. */
final class FakeOpa implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    volatile String answer = "{\"result\": true}";
    volatile int status = 200;
    volatile long delayMillis;
    final List<JsonNode> inputs = new CopyOnWriteArrayList<>();
    final List<String> paths = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    FakeOpa() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/data/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/data/" + path);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            paths.add(ex.getRequestMethod() + " " + ex.getRequestURI().getPath());
            inputs.add(JSON.readTree(ex.getRequestBody().readAllBytes()).path("input"));
            if (delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The client timed out and left.
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
