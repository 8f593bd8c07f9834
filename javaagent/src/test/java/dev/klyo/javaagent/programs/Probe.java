package dev.klyo.javaagent.programs;

import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.lang.reflect.Method;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A program that knows nothing of Klyo: runs each step given on the command line
 * ({@code kind|arg|arg}, optionally prefixed by a thread kind: {@code pool/}, {@code thread/},
 * {@code cf/}, {@code vthread/}) and prints one line per step:
 * {@code RESULT <step><TAB>OK|DENIED|FAILED|SKIPPED <detail>}. DENIED means the failure's cause
 * chain carries Klyo's denial message.
 */
public final class Probe {

    private static final HttpClient JDK_CLIENT = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    public static void main(String[] args) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        for (String step : args) {
            String result;
            try {
                result = onThread(step, pool);
            } catch (Throwable t) {
                result = classify(t);
            }
            System.out.println("RESULT " + step + "\t" + result);
        }
        pool.shutdown();
        System.out.flush();
    }

    private static String onThread(String step, ExecutorService pool) throws Throwable {
        int slash = step.indexOf('/');
        String where = slash > 0 && step.indexOf('|') > slash ? step.substring(0, slash) : "main";
        String body = where.equals("main") ? step : step.substring(slash + 1);
        switch (where) {
            case "main":
                return run(body);
            case "pool":
                return unwrap(() -> pool.submit(() -> call(body)).get(30, TimeUnit.SECONDS));
            case "cf":
                return unwrap(() -> CompletableFuture.supplyAsync(() -> call(body)).get(30, TimeUnit.SECONDS));
            case "thread": {
                String[] out = new String[1];
                Thread t = new Thread(() -> out[0] = call(body));
                t.start();
                t.join();
                return out[0];
            }
            case "vthread": {
                Method ofVirtual;
                try {
                    ofVirtual = Thread.class.getMethod("ofVirtual");
                } catch (NoSuchMethodException e) {
                    return "SKIPPED no virtual threads on " + System.getProperty("java.version");
                }
                Object builder = ofVirtual.invoke(null);
                String[] out = new String[1];
                Method start = Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class);
                Thread t = (Thread) start.invoke(builder, (Runnable) () -> out[0] = call(body));
                t.join();
                return out[0];
            }
            default:
                throw new IllegalArgumentException("unknown thread kind " + where);
        }
    }

    private interface Task {
        String get() throws Throwable;
    }

    private static String unwrap(Task task) throws Throwable {
        return task.get();
    }

    private static String call(String body) {
        try {
            return run(body);
        } catch (Throwable t) {
            return classify(t);
        }
    }

    private static String run(String step) throws Throwable {
        String[] p = step.split("\\|");
        switch (p[0]) {
            case "urlconn-get": {
                HttpURLConnection c = (HttpURLConnection) new URL(p[1]).openConnection();
                return "OK " + c.getResponseCode() + " " + new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            }
            case "urlconn-post": {
                HttpURLConnection c = (HttpURLConnection) new URL(p[1]).openConnection();
                c.setRequestMethod("POST");
                c.setDoOutput(true);
                byte[] data = "secret-payload".getBytes(StandardCharsets.UTF_8);
                c.setFixedLengthStreamingMode(data.length);
                try (OutputStream out = c.getOutputStream()) {
                    out.write(data);
                }
                return "OK " + c.getResponseCode();
            }
            case "httpclient-send": {
                HttpResponse<String> r = JDK_CLIENT.send(HttpRequest.newBuilder(URI.create(p[1])).build(),
                        HttpResponse.BodyHandlers.ofString());
                return "OK " + r.statusCode() + " " + r.body();
            }
            case "httpclient-async": {
                HttpResponse<String> r = JDK_CLIENT.sendAsync(HttpRequest.newBuilder(URI.create(p[1])).build(),
                        HttpResponse.BodyHandlers.ofString()).get(30, TimeUnit.SECONDS);
                return "OK " + r.statusCode() + " " + r.body();
            }
            case "httpclient-post": {
                HttpResponse<String> r = JDK_CLIENT.send(HttpRequest.newBuilder(URI.create(p[1]))
                        .POST(HttpRequest.BodyPublishers.ofString("secret-payload")).build(),
                        HttpResponse.BodyHandlers.ofString());
                return "OK " + r.statusCode();
            }
            case "okhttp":
                return OkHttpCall.get(p[1]);
            case "apache":
                return ApacheCall.get(p[1]);
            case "lc4j-tool":
                return LangChain4jCall.run(p[1]);
            case "jdbc":
                return JdbcCall.run(p[1], p[2], p[3]);
            case "mcp":
                return McpCall.run(p[1], p[2], p[3]);
            case "spring-tool":
                return SpringAiToolCall.run(p[1], p[2], p[3]);
            case "lc4j-mcp":
                return LangChain4jMcpCall.run(p[1], p[2], p[3]);
            case "apache-async":
                return ApacheCall.getAsync(p[1]);
            case "socket": {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(p[1], Integer.parseInt(p[2])), 5000);
                    s.getOutputStream().write("PING\n".getBytes(StandardCharsets.UTF_8));
                    s.getOutputStream().flush();
                }
                return "OK";
            }
            case "channel": {
                try (SocketChannel ch = SocketChannel.open(new InetSocketAddress(p[1], Integer.parseInt(p[2])))) {
                    ch.write(ByteBuffer.wrap("PING\n".getBytes(StandardCharsets.UTF_8)));
                }
                return "OK";
            }
            case "async-channel": {
                try (AsynchronousSocketChannel ch = AsynchronousSocketChannel.open()) {
                    ch.connect(new InetSocketAddress(p[1], Integer.parseInt(p[2]))).get(10, TimeUnit.SECONDS);
                    ch.write(ByteBuffer.wrap("PING\n".getBytes(StandardCharsets.UTF_8))).get(10, TimeUnit.SECONDS);
                }
                return "OK";
            }
            case "udp": {
                try (DatagramSocket s = new DatagramSocket()) {
                    byte[] data = "PING".getBytes(StandardCharsets.UTF_8);
                    s.send(new DatagramPacket(data, data.length, new InetSocketAddress(p[1], Integer.parseInt(p[2]))));
                }
                return "OK";
            }
            case "udp-channel": {
                try (DatagramChannel ch = DatagramChannel.open()) {
                    ch.send(ByteBuffer.wrap("PING".getBytes(StandardCharsets.UTF_8)),
                            new InetSocketAddress(p[1], Integer.parseInt(p[2])));
                }
                return "OK";
            }
            case "dns":
                return "OK " + InetAddress.getByName(p[1]).getHostAddress();
            case "read": {
                try (InputStream in = new FileInputStream(p[1])) {
                    return "OK " + new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
                }
            }
            case "raf": {
                try (RandomAccessFile f = new RandomAccessFile(p[1], "r")) {
                    return "OK " + f.readLine();
                }
            }
            case "nio-read":
                return "OK " + Files.readString(Path.of(p[1])).trim();
            case "nio-read-delete-on-close": {
                try (var channel = Files.newByteChannel(Path.of(p[1]), StandardOpenOption.READ,
                        StandardOpenOption.DELETE_ON_CLOSE)) {
                    return "OK " + channel.size();
                }
            }
            case "write": {
                try (OutputStream out = new FileOutputStream(p[1])) {
                    out.write("written".getBytes(StandardCharsets.UTF_8));
                }
                return "OK";
            }
            case "nio-write":
                Files.writeString(Path.of(p[1]), "written");
                return "OK";
            case "delete":
                return "OK " + new File(p[1]).delete();
            case "nio-delete":
                Files.delete(Path.of(p[1]));
                return "OK";
            case "list":
                return "OK " + String.join(",", new File(p[1]).list());
            case "list-files":
                return "OK " + new File(p[1]).listFiles().length;
            case "nio-list": {
                try (var s = Files.list(Path.of(p[1]))) {
                    return "OK " + s.count();
                }
            }
            case "mkdir":
                return "OK " + new File(p[1]).mkdir();
            case "rename":
                return "OK " + new File(p[1]).renameTo(new File(p[2]));
            case "copy":
                Files.copy(Path.of(p[1]), Path.of(p[2]), StandardCopyOption.REPLACE_EXISTING);
                return "OK";
            case "move":
                Files.move(Path.of(p[1]), Path.of(p[2]));
                return "OK";
            case "symlink":
                Files.createSymbolicLink(Path.of(p[1]), Path.of(p[2]));
                return "OK";
            case "hardlink":
                Files.createLink(Path.of(p[1]), Path.of(p[2]));
                return "OK";
            case "chmod":
                return "OK " + new File(p[1]).setExecutable(true, true);
            case "exec": {
                Process proc = Runtime.getRuntime().exec(p[1]);
                return "OK exit " + proc.waitFor();
            }
            case "exec-array": {
                Process proc = Runtime.getRuntime().exec(java.util.Arrays.copyOfRange(p, 1, p.length));
                return "OK exit " + proc.waitFor();
            }
            case "pb": {
                Process proc = new ProcessBuilder(java.util.Arrays.copyOfRange(p, 1, p.length)).start();
                return "OK exit " + proc.waitFor();
            }
            default:
                throw new IllegalArgumentException("unknown step " + p[0]);
        }
    }

    private static String classify(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c.getMessage() != null && c.getMessage().contains("Klyo denied")) {
                return "DENIED " + t.getClass().getName() + ": " + oneLine(c.getMessage());
            }
        }
        return "FAILED " + t.getClass().getName() + ": " + oneLine(String.valueOf(t.getMessage()));
    }

    private static String oneLine(String s) {
        return s.replace('\n', ' ');
    }
}
