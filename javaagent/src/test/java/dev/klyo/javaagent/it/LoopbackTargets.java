package dev.klyo.javaagent.it;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;

/**
 * Real servers on loopback that count what actually reached them: an HTTP server (requests per
 * path and body bytes), a raw TCP listener (accepted connections) and a UDP socket (datagrams).
 * The ground truth the tests judge by.
 */
final class LoopbackTargets implements AutoCloseable {

    final HttpServer http;
    final ServerSocket tcp;
    final DatagramSocket udp;
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger bodyBytes = new AtomicInteger();
    final Map<String, AtomicInteger> byPath = new ConcurrentHashMap<>();
    final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger datagrams = new AtomicInteger();
    private final AtomicInteger tcpSentinels = new AtomicInteger();
    private final AtomicInteger udpSentinels = new AtomicInteger();
    /** The test's own marker traffic comes from 127.0.0.9, so it is never counted as the program's. */
    private final InetAddress sentinelFrom;

    LoopbackTargets(String address, String redirectTo) throws IOException {
        InetAddress bind = InetAddress.getByName(address);
        sentinelFrom = InetAddress.getByName("127.0.0.9");
        http = HttpServer.create(new InetSocketAddress(bind, 0), 50);
        http.setExecutor(Executors.newCachedThreadPool());
        http.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                bodyBytes.addAndGet(in.readAllBytes().length);
            }
            requests.incrementAndGet();
            String path = exchange.getRequestURI().getPath();
            byPath.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            if (path.startsWith("/redirect") && redirectTo != null) {
                exchange.getResponseHeaders().add("Location", redirectTo + path.substring("/redirect".length()));
                exchange.sendResponseHeaders(302, -1);
                exchange.close();
                return;
            }
            byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        http.start();
        tcp = new ServerSocket(0, 50, bind);
        Thread acceptor = new Thread(() -> {
            while (!tcp.isClosed()) {
                try (Socket s = tcp.accept()) {
                    if (s.getInetAddress().equals(sentinelFrom)) {
                        tcpSentinels.incrementAndGet();
                    } else {
                        connections.incrementAndGet();
                    }
                } catch (IOException closed) {
                    return;
                }
            }
        }, "tcp-target");
        acceptor.setDaemon(true);
        acceptor.start();
        udp = new DatagramSocket(new InetSocketAddress(bind, 0));
        Thread receiver = new Thread(() -> {
            byte[] buffer = new byte[1024];
            while (!udp.isClosed()) {
                try {
                    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                    udp.receive(packet);
                    if (new String(buffer, 0, packet.getLength(), StandardCharsets.UTF_8).equals("SENTINEL")) {
                        udpSentinels.incrementAndGet();
                    } else {
                        datagrams.incrementAndGet();
                    }
                } catch (IOException closed) {
                    return;
                }
            }
        }, "udp-target");
        receiver.setDaemon(true);
        receiver.start();
    }

    /**
     * Waits until a marker connection and a marker datagram sent now have arrived: the forked
     * program's earlier traffic, if any, has then been counted too.
     */
    void settle() throws IOException {
        int tcpBefore = tcpSentinels.get();
        int udpBefore = udpSentinels.get();
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(sentinelFrom, 0));
            s.connect(tcp.getLocalSocketAddress());
        }
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(sentinelFrom, 0))) {
            byte[] data = "SENTINEL".getBytes(StandardCharsets.UTF_8);
            s.send(new DatagramPacket(data, data.length, udp.getLocalSocketAddress()));
        }
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> tcpSentinels.get() > tcpBefore && udpSentinels.get() > udpBefore);
    }

    int httpPort() {
        return http.getAddress().getPort();
    }

    int requestsTo(String path) {
        AtomicInteger n = byPath.get(path);
        return n == null ? 0 : n.get();
    }

    @Override
    public void close() throws IOException {
        http.stop(0);
        tcp.close();
        udp.close();
    }
}
