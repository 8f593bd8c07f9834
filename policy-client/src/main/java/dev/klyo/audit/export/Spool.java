package dev.klyo.audit.export;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Batches waiting on disk for the server to come back: one file per batch, named by a sequence
 * number so the oldest goes first. Files appear atomically (written aside, then moved), so a
 * crash leaves either a whole batch or none. Bounded by {@code maxBytes}; what does not fit is
 * refused and the caller counts it as dropped.
 */
final class Spool {

    private static final String PREFIX = "batch-";
    private static final String SUFFIX = ".jsonl";

    private final Path dir;
    private final long maxBytes;
    private final TreeSet<Path> segments = new TreeSet<>();
    private long bytes;
    private long next;

    Spool(Path dir, long maxBytes) throws IOException {
        this.dir = dir.toAbsolutePath();
        this.maxBytes = maxBytes;
        Files.createDirectories(this.dir);
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(this.dir, PREFIX + "*" + SUFFIX)) {
            for (Path p : ds) {
                segments.add(p);
                bytes += Files.size(p);
                String n = p.getFileName().toString();
                next = Math.max(next, Long.parseLong(n.substring(PREFIX.length(), n.length() - SUFFIX.length())) + 1);
            }
        }
    }

    /** Keeps a batch (JSON lines); false when it would exceed the spool's bound or cannot be written. */
    synchronized boolean append(byte[] lines) {
        if (bytes + lines.length > maxBytes) {
            return false;
        }
        Path target = dir.resolve(String.format("%s%020d%s", PREFIX, next++, SUFFIX));
        try {
            Path tmp = Files.createTempFile(dir, ".batch", ".tmp");
            Files.write(tmp, lines);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            return false;
        }
        segments.add(target);
        bytes += lines.length;
        return true;
    }

    /** Up to {@code max} of the oldest batches, oldest first. */
    synchronized List<Path> oldest(int max) {
        List<Path> out = new ArrayList<>(Math.min(max, segments.size()));
        for (Path p : segments) {
            if (out.size() == max) {
                break;
            }
            out.add(p);
        }
        return out;
    }

    synchronized void remove(Path segment, long size) throws IOException {
        Files.deleteIfExists(segment);
        if (segments.remove(segment)) {
            bytes -= size;
        }
    }

    synchronized boolean isEmpty() {
        return segments.isEmpty();
    }

    synchronized int segments() {
        return segments.size();
    }
}
