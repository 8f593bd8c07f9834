package dev.klyo.javaagent.programs;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A program that knows nothing of Klyo: sends one request with a body through one client.
 * Arguments: {@code client url bodyFile contentType [Header=value ...]}; clients {@code huc},
 * {@code huc-streaming}, {@code jdk}, {@code jdk-streaming}, {@code okhttp}, {@code apache},
 * {@code apache-async} (a {@code SimpleHttpRequest}), {@code apache-async-string} (a
 * {@code StringAsyncEntityProducer}), {@code apache-async-stream} (a one-shot producer).
 * Prints {@code RESULT <client><TAB>OK <status>} or the failure.
 */
public final class BodySender {

    public static void main(String[] args) throws Exception {
        String client = args[0];
        String url = args[1];
        byte[] body = Files.readAllBytes(Path.of(args[2]));
        String contentType = args[3];
        List<String[]> headers = new ArrayList<>();
        for (int i = 4; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            headers.add(new String[] {args[i].substring(0, eq), args[i].substring(eq + 1)});
        }
        String result;
        try {
            result = "OK " + send(client, url, body, contentType, headers);
        } catch (Throwable t) {
            result = classify(t);
        }
        System.out.println("RESULT " + client + "\t" + result);
        System.out.flush();
        System.exit(0);
    }

    private static int send(String client, String url, byte[] body, String contentType, List<String[]> headers)
            throws Exception {
        switch (client) {
            case "huc":
            case "huc-streaming": {
                HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
                c.setRequestMethod("POST");
                c.setDoOutput(true);
                if (client.equals("huc-streaming")) {
                    c.setFixedLengthStreamingMode(body.length);
                }
                c.setRequestProperty("Content-Type", contentType);
                for (String[] h : headers) {
                    c.setRequestProperty(h[0], h[1]);
                }
                try (OutputStream out = c.getOutputStream()) {
                    out.write(body);
                }
                int status = c.getResponseCode();
                c.getInputStream().readAllBytes();
                return status;
            }
            case "jdk":
            case "jdk-streaming": {
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType);
                for (String[] h : headers) {
                    b.header(h[0], h[1]);
                }
                b.POST(client.equals("jdk") ? HttpRequest.BodyPublishers.ofByteArray(body)
                        : HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
                return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build().send(b.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
            }
            case "okhttp":
                return OkHttpPost.post(url, body, contentType, headers);
            case "apache":
                return ApachePost.post(url, body, contentType, headers);
            case "apache-async":
                return ApachePost.postAsync(url, body, contentType, headers);
            case "apache-async-string":
                return ApachePost.postAsyncProducer("string", url, body, contentType, headers);
            case "apache-async-stream":
                return ApachePost.postAsyncProducer("stream", url, body, contentType, headers);
            default:
                throw new IllegalArgumentException(client);
        }
    }

    /** DENIED when Klyo's denial is in the cause chain, else FAILED. */
    private static String classify(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (String.valueOf(c.getMessage()).contains("Klyo denied")) {
                return "DENIED " + c.getMessage();
            }
        }
        return "FAILED " + t;
    }
}
