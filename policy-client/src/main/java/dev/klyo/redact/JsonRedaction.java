package dev.klyo.redact;

import java.util.ArrayList;
import java.util.List;

/**
 * Redaction of a JSON document without breaking it. The raw text is searched first (most bodies
 * have no finding and no escape, and are returned as they are); otherwise the tokens are read,
 * findings in object keys are dropped, findings in strings are kept inside the string and off
 * escape sequences, strings with escapes are also searched decoded (so {@code \u0041KIA...} or
 * {@code https:\/\/hooks.slack.com} are found), and a number holding a finding becomes a string
 * marker. Malformed input is redacted up to where it stops being JSON, then as plain text.
 */
final class JsonRedaction {

    private enum Kind { KEY, STRING, NUMBER }

    /** A string (quotes included) or number token at {@code [start, end)}; {@code escapes}: it holds a backslash. */
    private record Token(Kind kind, int start, int end, boolean escapes) {
    }

    private final Redactor redactor;

    JsonRedaction(Redactor redactor) {
        this.redactor = redactor;
    }

    String redact(String json) {
        List<Finding> raw = redactor.find(json);
        if (raw.isEmpty() && json.indexOf('\\') < 0) {
            return json;
        }
        List<Token> tokens = new ArrayList<>();
        int valid = tokenize(json, tokens);
        List<Finding> kept = new ArrayList<>();
        java.util.Set<Finding> numbers = new java.util.HashSet<>();
        int t = 0;
        for (Finding f : raw) {
            if (f.start() >= valid) {
                kept.add(f);
                continue;
            }
            while (t < tokens.size() && tokens.get(t).end() <= f.start()) {
                t++;
            }
            if (t == tokens.size() || tokens.get(t).start() > f.start()) {
                continue;
            }
            Token token = tokens.get(t);
            switch (token.kind()) {
                case KEY -> { }
                case NUMBER -> {
                    Finding whole = new Finding(f.detectorId(), token.start(), token.end());
                    numbers.add(whole);
                    kept.add(whole);
                }
                case STRING -> {
                    int start = Math.max(f.start(), token.start() + 1);
                    int end = Math.min(f.end(), token.end() - 1);
                    start = escapeStart(json, token.start() + 1, start);
                    end = escapeEnd(json, token.start() + 1, end);
                    if (end > start) {
                        kept.add(new Finding(f.detectorId(), start, end));
                    }
                }
            }
        }
        for (Token token : tokens) {
            if (token.kind() == Kind.STRING && token.escapes()) {
                kept.addAll(findDecoded(json, token));
            }
        }
        List<Finding> findings = redactor.withoutOverlaps(kept);
        StringBuilder out = new StringBuilder(json.length());
        int last = 0;
        int n = 0;
        for (Finding f : findings) {
            out.append(json, last, f.start());
            String marker = Redactor.marker(f.detectorId());
            boolean number = numbers.contains(f);
            out.append(number ? "\"" : "").append(escape(marker)).append(number ? "\"" : "");
            last = f.end();
            n++;
        }
        return n == 0 ? json : out.append(json, last, json.length()).toString();
    }

    private List<Finding> findDecoded(String json, Token token) {
        int from = token.start() + 1;
        int to = token.end() - 1;
        StringBuilder decoded = new StringBuilder(to - from);
        int[] rawAt = new int[to - from + 1];
        int i = from;
        while (i < to) {
            rawAt[decoded.length()] = i;
            char c = json.charAt(i);
            if (c != '\\' || i + 1 >= to) {
                decoded.append(c);
                i++;
                continue;
            }
            char e = json.charAt(i + 1);
            if (e == 'u' && i + 6 <= to) {
                int code = parseHex(json, i + 2, i + 6);
                decoded.append(code < 0 ? '\uFFFD' : (char) code);
                i += 6;
                continue;
            }
            decoded.append(switch (e) {
                case 'n' -> '\n';
                case 't' -> '\t';
                case 'r' -> '\r';
                case 'b' -> '\b';
                case 'f' -> '\f';
                default -> e;
            });
            i += 2;
        }
        rawAt[decoded.length()] = to;
        List<Finding> out = new ArrayList<>();
        for (Finding f : redactor.find(decoded)) {
            out.add(new Finding(f.detectorId(), rawAt[f.start()], rawAt[f.end()]));
        }
        return out;
    }

    /**
     * Reads the tokens of {@code json} into {@code tokens}; returns how far the text is JSON as
     * far as this pass can tell (the whole length unless a string is left open).
     */
    private static int tokenize(String json, List<Token> tokens) {
        int n = json.length();
        int i = 0;
        while (i < n) {
            char c = json.charAt(i);
            if (c == '"') {
                int end = -1;
                boolean escapes = false;
                for (int j = i + 1; j < n; j++) {
                    char d = json.charAt(j);
                    if (d == '\\') {
                        escapes = true;
                        j++;
                    } else if (d == '"') {
                        end = j + 1;
                        break;
                    }
                }
                if (end < 0) {
                    return i;
                }
                int next = end;
                while (next < n && Character.isWhitespace(json.charAt(next))) {
                    next++;
                }
                tokens.add(new Token(next < n && json.charAt(next) == ':' ? Kind.KEY : Kind.STRING, i, end, escapes));
                i = end;
            } else if (c == '-' || (c >= '0' && c <= '9')) {
                int end = i + 1;
                while (end < n && "0123456789.eE+-".indexOf(json.charAt(end)) >= 0) {
                    end++;
                }
                tokens.add(new Token(Kind.NUMBER, i, end, false));
                i = end;
            } else {
                i++;
            }
        }
        return n;
    }

    /** Moves {@code at} back to the start of the escape sequence it falls inside, if any. */
    private static int escapeStart(String json, int contentStart, int at) {
        int e = escapeAt(json, contentStart, at);
        return e >= 0 ? e : at;
    }

    /** Moves {@code at} forward past the escape sequence it falls inside, if any. */
    private static int escapeEnd(String json, int contentStart, int at) {
        int e = escapeAt(json, contentStart, at);
        if (e < 0) {
            return at;
        }
        return e + (json.charAt(e + 1) == 'u' ? 6 : 2);
    }

    /** The start of the escape sequence strictly containing position {@code at}, or -1. */
    private static int escapeAt(String json, int contentStart, int at) {
        for (int back = 1; back <= 5 && at - back >= contentStart; back++) {
            int s = at - back;
            if (json.charAt(s) == '\\' && !escaped(json, contentStart, s)) {
                int length = s + 1 < json.length() && json.charAt(s + 1) == 'u' ? 6 : 2;
                return at < s + length ? s : -1;
            }
        }
        return -1;
    }

    /** Whether the backslash at {@code s} is itself escaped by an odd run of backslashes before it. */
    private static boolean escaped(String json, int contentStart, int s) {
        int count = 0;
        for (int i = s - 1; i >= contentStart && json.charAt(i) == '\\'; i--) {
            count++;
        }
        return count % 2 == 1;
    }

    private static int parseHex(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            int d = Character.digit(s.charAt(i), 16);
            if (d < 0) {
                return -1;
            }
            v = v * 16 + d;
        }
        return v;
    }

    private static String escape(String marker) {
        if (marker.indexOf('"') < 0 && marker.indexOf('\\') < 0) {
            return marker;
        }
        return marker.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
