package dev.klyo.server;

import dev.klyo.audit.AuditEvent;
import dev.klyo.audit.AuditJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Received audit events, one JSON line each, stored once per {@code eventId}: a client that
 * resends a batch whose answer it never saw adds nothing. The ids already stored are read back
 * at start, so this holds across server restarts too.
 */
final class AuditStore implements AutoCloseable {

    /** What one batch did: new events stored and events already there. */
    record Outcome(int accepted, int duplicates) {
    }

    private final Path file;
    private final Set<String> ids = new HashSet<>();
    private final OutputStream out;

    AuditStore(Path file) throws IOException {
        this.file = file.toAbsolutePath();
        Files.createDirectories(this.file.getParent());
        if (Files.isRegularFile(file)) {
            dropTornLine(file);
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (!line.isBlank()) {
                        ids.add(AuditJson.fromJson(line).eventId());
                    }
                }
            }
        }
        out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /**
     * A crash in the middle of an append can leave a last line without its newline: that batch
     * was never acknowledged, so its client resends it. Cutting the fragment keeps the store
     * one event per line.
     */
    private static void dropTornLine(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long end = ch.size();
            ByteBuffer one = ByteBuffer.allocate(1);
            while (end > 0) {
                one.clear();
                ch.read(one, end - 1);
                if (one.get(0) == '\n') {
                    break;
                }
                end--;
            }
            if (end < ch.size()) {
                ch.truncate(end);
            }
        }
    }

    /** Stores the new events of a batch and makes them durable before returning. */
    synchronized Outcome store(List<AuditEvent> events) throws IOException {
        int accepted = 0;
        StringBuilder lines = new StringBuilder();
        Set<String> batch = new HashSet<>();
        for (AuditEvent e : events) {
            if (ids.contains(e.eventId()) || !batch.add(e.eventId())) {
                continue;
            }
            lines.append(AuditJson.toJson(e)).append('\n');
            accepted++;
        }
        out.write(lines.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        ids.addAll(batch);
        return new Outcome(accepted, events.size() - accepted);
    }

    synchronized int size() {
        return ids.size();
    }

    Path file() {
        return file;
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
