package dev.klyo.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.klyo.central.SignedBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * {@code GET /bundles/<name>}: the signed bundle file {@code <dir>/<name>} as it is on disk, with a
 * strong ETag (a hash of its bytes) and {@code 304} for a matching {@code If-None-Match}. The server
 * never signs anything: bundles are signed offline and copied here.
 */
final class BundleHandler implements HttpHandler {

    static final String PREFIX = "/bundles/";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final Path dir;

    BundleHandler(Path dir) {
        this.dir = dir;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (!ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("HEAD")) {
                ex.getResponseHeaders().set("Allow", "GET, HEAD");
                Exchanges.send(ex, 405, "text/plain", "GET only\n");
                return;
            }
            String name = ex.getRequestURI().getPath().substring(PREFIX.length());
            // Names only, never paths: nothing outside the bundle directory is reachable.
            Path file = dir.resolve(name);
            if (!NAME.matcher(name).matches() || !Files.isRegularFile(file)) {
                Exchanges.send(ex, 404, "text/plain", "no such bundle\n");
                return;
            }
            byte[] bytes = Files.readAllBytes(file);
            String etag = "\"" + sha256(bytes) + "\"";
            ex.getResponseHeaders().set("ETag", etag);
            ex.getResponseHeaders().set("Cache-Control", "no-cache");
            if (matches(ex.getRequestHeaders().getFirst("If-None-Match"), etag)) {
                ex.sendResponseHeaders(304, -1);
                return;
            }
            if (ex.getRequestMethod().equals("HEAD")) {
                ex.getResponseHeaders().set("Content-Type", SignedBundle.MEDIA_TYPE);
                ex.sendResponseHeaders(200, -1);
                return;
            }
            Exchanges.send(ex, 200, SignedBundle.MEDIA_TYPE, bytes);
        }
    }

    /** {@code If-None-Match} holds a list of tags (weak ones compare equal too) or {@code *}. */
    static boolean matches(String header, String etag) {
        if (header == null) {
            return false;
        }
        for (String tag : header.split(",")) {
            String t = tag.strip();
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.equals("*") || t.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
