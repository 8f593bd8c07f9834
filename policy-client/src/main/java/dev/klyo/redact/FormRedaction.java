package dev.klyo.redact;

import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Redaction of {@code name=value&...} text (form bodies, query strings). Each value is
 * percent-decoded and searched together with its name (so {@code password=...} is seen as an
 * assignment); a finding replaces exactly the encoded characters it came from with the encoded
 * marker, leaving names, separators and the encoding of everything else as they were.
 */
final class FormRedaction {

    private FormRedaction() {
    }

    static String redact(Redactor redactor, String form) {
        StringBuilder out = null;
        int last = 0;
        int pairStart = 0;
        int n = form.length();
        while (pairStart <= n) {
            int pairEnd = form.indexOf('&', pairStart);
            if (pairEnd < 0) {
                pairEnd = n;
            }
            int eq = form.indexOf('=', pairStart);
            if (eq >= 0 && eq < pairEnd) {
                String name = decode(form, pairStart, eq, null);
                int[] rawAt = new int[pairEnd - eq];
                String value = decode(form, eq + 1, pairEnd, rawAt);
                // Quoted, the value is delimited as it is in the form, whatever characters it holds.
                int offset = name.length() + 2;
                for (Finding f : redactor.find(name + "=\"" + value + "\"")) {
                    int start = f.start() - offset;
                    int end = f.end() - offset;
                    if (end <= 0) {
                        continue;
                    }
                    start = Math.max(start, 0);
                    end = Math.min(end, value.length());
                    int rawStart = rawAt[start];
                    if (rawStart < last) {
                        continue;
                    }
                    if (out == null) {
                        out = new StringBuilder(form.length());
                    }
                    out.append(form, last, rawStart)
                            .append(URLEncoder.encode(Redactor.marker(f.detectorId()), StandardCharsets.UTF_8));
                    last = rawAt[end];
                }
            }
            pairStart = pairEnd + 1;
        }
        return out == null ? form : out.append(form, last, n).toString();
    }

    /**
     * Percent-decodes {@code form[from, to)} ({@code +} is a space). When {@code rawAt} is given,
     * {@code rawAt[i]} receives the raw index where decoded character {@code i} begins, and the
     * entry after the last decoded character receives {@code to}.
     */
    static String decode(String form, int from, int to, int[] rawAt) {
        StringBuilder out = new StringBuilder(to - from);
        List<Integer> charStarts = rawAt == null ? null : new ArrayList<>();
        int i = from;
        while (i < to) {
            char c = form.charAt(i);
            if (c == '%' && hexByte(form, i, to) >= 0) {
                int runStart = i;
                ByteBuffer bytes = ByteBuffer.allocate((to - i) / 3 + 1);
                List<Integer> byteAt = new ArrayList<>();
                while (i < to && form.charAt(i) == '%' && hexByte(form, i, to) >= 0) {
                    byteAt.add(i);
                    bytes.put((byte) hexByte(form, i, to));
                    i += 3;
                }
                appendDecoded(bytes, byteAt, runStart, out, charStarts);
            } else {
                if (charStarts != null) {
                    charStarts.add(i);
                }
                out.append(c == '+' ? ' ' : c);
                i++;
            }
        }
        if (rawAt != null) {
            for (int k = 0; k < charStarts.size(); k++) {
                rawAt[k] = charStarts.get(k);
            }
            rawAt[charStarts.size()] = to;
        }
        return out.toString();
    }

    /** Decodes a run of percent-encoded bytes as UTF-8, one code point at a time to keep the positions. */
    private static void appendDecoded(ByteBuffer bytes, List<Integer> byteAt, int runStart, StringBuilder out,
                                      List<Integer> charStarts) {
        bytes.flip();
        int b = 0;
        while (b < bytes.limit()) {
            int lead = bytes.get(b) & 0xFF;
            int length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
            length = Math.min(length, bytes.limit() - b);
            String chars;
            try {
                chars = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes.array(), b, length)).toString();
            } catch (CharacterCodingException e) {
                chars = "\uFFFD";
                length = 1;
            }
            for (int k = 0; k < chars.length(); k++) {
                if (charStarts != null) {
                    charStarts.add(byteAt.get(b));
                }
                out.append(chars.charAt(k));
            }
            b += length;
        }
    }

    private static int hexByte(String s, int percent, int to) {
        if (percent + 3 > to) {
            return -1;
        }
        int hi = Character.digit(s.charAt(percent + 1), 16);
        int lo = Character.digit(s.charAt(percent + 2), 16);
        return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
    }
}
