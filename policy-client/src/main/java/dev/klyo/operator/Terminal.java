package dev.klyo.operator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the operator commands need to know about, and guard against on, a terminal. */
final class Terminal {

    private Terminal() {
    }

    /**
     * The text with every control character shown as an escape. Audit events carry what an
     * agent (or whoever steers it) chose to send; printed raw, an escape sequence in a URL could
     * rewrite the operator's screen or hide a line, and a bidirectional override could make a
     * path read differently from what it is.
     */
    static String printable(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean unsafe = c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e)
                    || (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f || c == 0x061c;
            if (unsafe && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (!unsafe) {
                    out.append(c);
                } else if (c == '\n') {
                    out.append("\\n");
                } else if (c == '\r') {
                    out.append("\\r");
                } else if (c == '\t') {
                    out.append("\\t");
                } else if (c <= 0xff) {
                    out.append(String.format("\\x%02x", (int) c));
                } else {
                    out.append(String.format("\\u%04x", (int) c));
                }
            }
        }
        return out == null ? text : out.toString();
    }

    /**
     * Whether standard error is a terminal, so progress can redraw one line in place. Java 17
     * has no direct test for stderr; on Linux its descriptor names the device.
     */
    static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }
}
