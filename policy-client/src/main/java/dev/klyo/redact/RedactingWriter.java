package dev.klyo.redact;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Redacts a character stream in bounded memory. Text is searched once {@code 2 * holdback}
 * characters are buffered; everything but the last {@code holdback} characters is written out,
 * except that a finding crossing that line, or reaching the end of what has arrived (a private
 * key whose end is still to come), is held back whole until it is complete or the stream closes.
 * Each character is searched a bounded number of times, so the cost stays linear.
 */
final class RedactingWriter extends Writer {

    static final int DEFAULT_HOLDBACK = 8192;
    /** Past this, a finding still growing is written out redacted as it stands rather than held. */
    private static final int MAX_BUFFER = 1 << 20;

    private final Redactor redactor;
    private final Writer out;
    private final int holdback;
    private final StringBuilder buffer = new StringBuilder();
    private int searchAt;
    private boolean closed;

    RedactingWriter(Redactor redactor, Writer out, int holdback) {
        if (holdback < 1) {
            throw new IllegalArgumentException("holdback must be positive");
        }
        this.redactor = redactor;
        this.out = out;
        this.holdback = holdback;
        this.searchAt = 2 * holdback;
    }

    @Override
    public void write(char[] chars, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("closed");
        }
        buffer.append(chars, off, len);
        if (buffer.length() >= searchAt) {
            drain(false);
        }
    }

    @Override
    public void write(String s, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("closed");
        }
        buffer.append(s, off, off + len);
        if (buffer.length() >= searchAt) {
            drain(false);
        }
    }

    /** Writes out what can be written without splitting a possible finding, then flushes. */
    @Override
    public void flush() throws IOException {
        if (!closed) {
            drain(false);
            out.flush();
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        drain(true);
        closed = true;
        out.close();
    }

    private void drain(boolean all) throws IOException {
        String text = buffer.toString();
        int length = text.length();
        List<Finding> findings = redactor.find(text);
        int limit = all || length >= MAX_BUFFER ? length : Math.max(0, length - holdback);
        if (limit < length) {
            for (Finding f : findings) {
                if (f.start() < limit && (f.end() > limit || f.end() == length)) {
                    limit = f.start();
                    break;
                }
            }
        }
        StringBuilder chunk = new StringBuilder(limit);
        int last = 0;
        for (Finding f : findings) {
            if (f.end() > limit) {
                break;
            }
            chunk.append(text, last, f.start()).append(Redactor.marker(f.detectorId()));
            last = f.end();
        }
        chunk.append(text, last, limit);
        out.write(chunk.toString());
        buffer.delete(0, limit);
        // Search again only once enough new text arrived, or a held finding could rescan forever.
        searchAt = buffer.length() + 2 * holdback;
    }
}
