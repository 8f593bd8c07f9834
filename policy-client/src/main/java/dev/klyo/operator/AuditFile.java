package dev.klyo.operator;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.StandardOpenOption;

/**
 * One audit file read line by line, from where the last read stopped. The writer appends while
 * we read, so a line without its newline yet is held back until it is complete (or until the
 * caller says the file is finished). A file that shrank was truncated, and a path that now names
 * another file was rotated: either is read again from the start, as {@code tail -F} does.
 */
final class AuditFile implements Closeable {

    /** Receives each complete line with its 1-based number in the file. */
    interface LineHandler {
        void line(long number, String text);
    }

    private final Path path;
    private FileChannel channel;
    private Object fileKey;
    private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private long position;
    private long delivered;
    private long lineNumber;

    AuditFile(Path path) throws IOException {
        this.path = path;
        this.channel = FileChannel.open(path, StandardOpenOption.READ);
        this.fileKey = key(path);
    }

    private static Object key(Path path) throws IOException {
        return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
    }

    Path path() {
        return path;
    }

    /** Bytes read from the file so far, including a held-back partial line. */
    long position() {
        return position;
    }

    /** Bytes of the lines handed out so far: where a reader stands, for progress. */
    long delivered() {
        return delivered;
    }

    long size() throws IOException {
        return channel.size();
    }

    /**
     * Reads everything appended since the last call.
     *
     * @param finished true when no more will be written: a last line without a newline is then
     *                 delivered instead of held back
     * @return true when the file had shrunk or been replaced and was read again from the start
     */
    boolean readNew(boolean finished, LineHandler handler) throws IOException {
        boolean restarted = false;
        if (!finished && replaced() && reopen()) {
            restarted = true;
        } else if (channel.size() < position) {
            restarted = true;
        }
        if (restarted) {
            position = 0;
            delivered = 0;
            lineNumber = 0;
            pending.reset();
        }
        while (true) {
            buffer.clear();
            int n = channel.read(buffer, position);
            if (n <= 0) {
                break;
            }
            long chunkStart = position;
            position += n;
            byte[] bytes = buffer.array();
            int start = 0;
            for (int i = 0; i < n; i++) {
                if (bytes[i] == '\n') {
                    pending.write(bytes, start, i - start);
                    delivered = chunkStart + i + 1;
                    deliver(handler);
                    start = i + 1;
                }
            }
            pending.write(bytes, start, n - start);
        }
        if (finished && pending.size() > 0) {
            delivered = position;
            deliver(handler);
        }
        return restarted;
    }

    /**
     * Whether the path now names another file. The rotator moves and creates files while we look,
     * so a path that vanishes between two calls is mid-rotation: not yet a replacement.
     */
    private boolean replaced() throws IOException {
        if (fileKey == null) {
            return false;
        }
        try {
            return !fileKey.equals(key(path));
        } catch (NoSuchFileException midRotation) {
            return false;
        }
    }

    /**
     * Opens the file the path names now. The key is read on both sides of the open: if they differ,
     * the path was rotated again meanwhile and the channel may not be the file the key names, so
     * the old channel is kept and the next poll tries again.
     */
    private boolean reopen() throws IOException {
        FileChannel next = null;
        try {
            Object before = key(path);
            next = FileChannel.open(path, StandardOpenOption.READ);
            if (!before.equals(key(path))) {
                next.close();
                return false;
            }
            channel.close();
            channel = next;
            fileKey = before;
            return true;
        } catch (NoSuchFileException midRotation) {
            if (next != null) {
                next.close();
            }
            return false;
        }
    }

    private void deliver(LineHandler handler) {
        byte[] line = pending.toByteArray();
        pending.reset();
        lineNumber++;
        int end = line.length;
        if (end > 0 && line[end - 1] == '\r') {
            end--;
        }
        handler.line(lineNumber, new String(line, 0, end, StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
