package dev.klyo.javaagent.programs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A long-running program that knows nothing of Klyo, driven on stdin so a test can change the
 * policy under it: {@code get URL} prints {@code ok <status>}, {@code denied <message>} or
 * {@code failed <exception>}; {@code write PATH TEXT} overwrites a file and prints {@code ok written}
 * or the same denial; {@code exit} prints {@code bye} and returns.
 */
public final class CentralRequestLoop {

    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.out.println("ready");
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] w = line.strip().split(" ", 2);
            if (w[0].equals("get")) {
                System.out.println(get(w[1]));
            } else if (w[0].equals("write")) {
                String[] pathAndText = w[1].split(" ", 2);
                System.out.println(write(Path.of(pathAndText[0]), pathAndText[1]));
            } else if (w[0].equals("exit")) {
                System.out.println("bye");
                return;
            }
        }
    }

    private static String get(String url) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
            c.setConnectTimeout(5_000);
            c.setReadTimeout(5_000);
            int status = c.getResponseCode();
            try (InputStream body = status < 400 ? c.getInputStream() : c.getErrorStream()) {
                if (body != null) {
                    body.readAllBytes();
                }
            }
            return "ok " + status;
        } catch (IOException | RuntimeException e) {
            return failure(e);
        }
    }

    private static String write(Path file, String text) {
        try {
            Files.writeString(file, text);
            return "ok written";
        } catch (IOException | RuntimeException e) {
            return failure(e);
        }
    }

    private static String failure(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).contains("Klyo denied")) {
                return "denied " + t.getMessage().replace('\n', ' ');
            }
        }
        return "failed " + e;
    }
}
