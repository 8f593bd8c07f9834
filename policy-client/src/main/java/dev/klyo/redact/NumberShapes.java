package dev.klyo.redact;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Where the number formats of the built-in detectors could be in a text, found in one pass over
 * its characters eight at a time. Each {@link Shape} is a sequence of characters that every match
 * of a detector's expression contains ({@code ddd-dd-dddd} for a social security number, a
 * {@code +} before a digit for an international phone number...); where a text holds none, that
 * detector cannot find anything and its digit runs need not be looked at. A JSON body is full of
 * digits (ids, prices, dates, floats) and almost never of these shapes, so most bodies skip all
 * number detectors after this pass.
 *
 * <p>The pass turns each 64 characters into two bit masks (digits, colons), then tests all shapes
 * at all 64 positions at once with shifts and ANDs; only the rare positions where a mask test
 * passes are checked character by character.
 */
final class NumberShapes {

    /** A shape, named after the detector whose every match contains it. */
    enum Shape {
        /**
         * Four groups of four digits between spaces or dashes, four and six digits each followed
         * by a space or dash then four digits, or thirteen digits in a row.
         */
        CARD,
        /** {@code +} before a digit 1-9, {@code (} before 2-9, or {@code ddd-ddd-dddd} (or with dots). */
        PHONE,
        /** {@code ddd-dd-dddd} or {@code ddd dd dddd}. */
        SSN,
        /** A digit, a dot, a digit, then two more dots each within four characters: a dotted quad. */
        IPV4,
        /** Two capital letters before two digits. */
        IBAN
    }

    private static final VarHandle EIGHT = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH = 0x8080808080808080L;
    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
    /** Gathers the top bit of each byte into the top byte, first character lowest. */
    private static final long GATHER = 0x0102040810204080L;

    private static final Shape[] SHAPES = Shape.values();

    /** The characters before a group of digits that may start a shape: {@code +}, {@code (}, capital letters. */
    private static final boolean[] BEFORE_GROUP = new boolean[256];

    static {
        BEFORE_GROUP['+'] = true;
        BEFORE_GROUP['('] = true;
        for (char c = 'A'; c <= 'Z'; c++) {
            BEFORE_GROUP[c] = true;
        }
    }

    private final byte[] text;
    private final int[][] positions = new int[SHAPES.length][];
    private final int[] counts = new int[SHAPES.length];
    private boolean ipv6;
    /** Where the last run of IPv6 characters looked at ends: a run spanning many blocks is walked once. */
    private int ipv6CheckedTo;

    /** The shapes in {@code text}, one byte per character as {@link Scan#bytes()} gives it. */
    NumberShapes(byte[] text) {
        this.text = text;
        for (int s = 0; s < SHAPES.length; s++) {
            positions[s] = new int[8];
        }
        scan();
    }

    /**
     * In order, a digit of each place where {@code shape} occurs: one that lies in the digit run
     * (see {@link Scan#readRun}) holding the shape, which a run filter can then be asked about.
     * A place may be reported that turns out not to hold the shape; none is missed.
     */
    int[] positions(Shape shape) {
        return Arrays.copyOf(positions[shape.ordinal()], counts[shape.ordinal()]);
    }

    /**
     * Whether some run of IPv6 characters (hex digits, colons, dots) holds {@code ::} or seven
     * colons: exactly where {@link Prefilter#ipv6()} opens a window.
     */
    boolean mayHoldIpv6() {
        return ipv6;
    }

    private void scan() {
        int n = text.length;
        int blocks = (n + 63) >>> 6;
        long[] next = new long[2];
        masks(0, next);
        long digits = next[0];
        long colons = next[1];
        long digitsBefore = 0;
        for (int k = 0; k < blocks; k++) {
            int base = k << 6;
            if (k + 1 < blocks) {
                masks(base + 64, next);
            } else {
                Arrays.fill(next, 0);
            }
            if (digits != 0) {
                numbers(base, digitsBefore, digits, next[0]);
            }
            if (colons != 0 && !ipv6) {
                colons(base, colons, next[1]);
            }
            digitsBefore = digits;
            digits = next[0];
            colons = next[1];
        }
    }

    /** Bit i of {@code out[0]}: character {@code from + i} is a digit; of {@code out[1]}: a colon. Beyond the text: 0. */
    private void masks(int from, long[] out) {
        int n = text.length;
        long digits = 0;
        long colons = 0;
        if (from + 64 <= n) {
            for (int j = 0; j < 8; j++) {
                long w = (long) EIGHT.get(text, from + 8 * j);
                long x = w & LOW7;
                long ascii = ~w & HIGH;
                // Per byte, x + (0x80 - c) sets the top bit exactly when x >= c; no carry crosses bytes.
                long atLeast0 = x + 0x5050505050505050L;
                long atLeastColon = x + 0x4646464646464646L;
                long pastColon = x + 0x4545454545454545L;
                digits |= gather(atLeast0 & ~atLeastColon & ascii) << (8 * j);
                colons |= gather(atLeastColon & ~pastColon & ascii) << (8 * j);
            }
        } else {
            for (int i = from; i < n; i++) {
                int c = text[i];
                long bit = 1L << (i - from);
                digits |= c >= '0' && c <= '9' ? bit : 0;
                colons |= c == ':' ? bit : 0;
            }
        }
        out[0] = digits;
        out[1] = colons;
    }

    private static long gather(long topBits) {
        return ((topBits >>> 7) * GATHER) >>> 56;
    }

    /** Bit i: bit {@code i + j} of the 128 bits {@code next:current}, for 0 < j < 64. */
    private static long ahead(long current, long next, int j) {
        return (current >>> j) | (next << (64 - j));
    }

    private void numbers(int base, long before, long d, long after) {
        long d1 = ahead(d, after, 1);
        long d2 = ahead(d, after, 2);
        long d3 = ahead(d, after, 3);
        long d4 = ahead(d, after, 4);
        long d5 = ahead(d, after, 5);
        long d6 = ahead(d, after, 6);
        long d7 = ahead(d, after, 7);
        long d8 = ahead(d, after, 8);
        long d9 = ahead(d, after, 9);
        long d10 = ahead(d, after, 10);
        long d11 = ahead(d, after, 11);
        long d12 = ahead(d, after, 12);
        long d13 = ahead(d, after, 13);
        long d14 = ahead(d, after, 14);
        long d15 = ahead(d, after, 15);
        long d16 = ahead(d, after, 16);
        long d17 = ahead(d, after, 17);
        long d18 = ahead(d, after, 18);
        long three = d & d1 & d2;
        long four = three & d3;
        long groupStarts = d & ~((d << 1) | (before >>> 63));
        // Where each shape may start; the separators are checked below, on the few survivors.
        long grouped = four & ~d4 & d5 & d6 & d7 & d8;
        long fourGroups = grouped & ~d9 & d10 & d11 & d12 & d13 & ~d14 & d15 & d16 & d17 & d18;
        long fourSixFour = grouped & d9 & d10 & ~d11 & d12 & d13 & d14 & d15;
        long card = separated(base, fourGroups, 4, 9, ' ', '-') & separated(base, fourGroups, 9, 14, ' ', '-')
                | separated(base, fourSixFour, 4, 4, ' ', '-') & separated(base, fourSixFour, 11, 11, ' ', '-')
                | four & d4 & d5 & d6 & d7 & d8 & d9 & d10 & d11 & d12 & groupStarts;
        long phone = separated(base, three & ~d3 & d4 & d5 & d6 & ~d7 & d8 & d9 & d10 & d11, 3, 7, '-', '.');
        long ssn = separated(base, three & ~d3 & d4 & d5 & ~d6 & d7 & d8 & d9 & d10, 3, 6, '-', ' ');
        long x0 = d & ~d1 & d2;
        long x2 = d2 & ~d3 & d4;
        long x3 = d3 & ~d4 & d5;
        long x4 = d4 & ~d5 & d6;
        long x5 = d5 & ~d6 & d7;
        long x6 = d6 & ~d7 & d8;
        long x7 = d7 & ~d8 & d9;
        long x8 = d8 & ~d9 & d10;
        long quad = x0 & (x2 | x3 | x4)
                & (x2 & (x4 | x5 | x6) | x3 & (x5 | x6 | x7) | x4 & (x6 | x7 | x8));
        long ipv4 = 0;
        for (long m = quad; m != 0; m &= m - 1) {
            int at = base + Long.numberOfTrailingZeros(m);
            ipv4 |= text[at + 1] == '.' ? Long.lowestOneBit(m) : 0;
        }
        long iban = 0;
        for (long m = groupStarts; m != 0; m &= m - 1) {
            int at = base + Long.numberOfTrailingZeros(m);
            int c = at > 0 ? text[at - 1] : 0;
            if (!BEFORE_GROUP[c & 0xFF]) {
                continue;
            }
            if (c == '+' && text[at] != '0' || c == '(' && text[at] >= '2') {
                phone |= Long.lowestOneBit(m);
            } else if (c >= 'A' && c <= 'Z' && at >= 2 && isUpper(text[at - 2]) && at + 1 < text.length
                    && text[at + 1] >= '0' && text[at + 1] <= '9') {
                iban |= Long.lowestOneBit(m);
            }
        }
        add(Shape.CARD, base, card);
        add(Shape.PHONE, base, phone);
        add(Shape.SSN, base, ssn);
        add(Shape.IPV4, base, ipv4);
        add(Shape.IBAN, base, iban);
    }

    /** Of {@code starts}, those whose characters at {@code first} and {@code second} after are the same one of {@code a}, {@code b}. */
    private long separated(int base, long starts, int first, int second, char a, char b) {
        long kept = 0;
        for (long m = starts; m != 0; m &= m - 1) {
            int at = base + Long.numberOfTrailingZeros(m);
            byte c = text[at + first];
            if ((c == a || c == b) && text[at + second] == c) {
                kept |= Long.lowestOneBit(m);
            }
        }
        return kept;
    }

    private static boolean isUpper(byte c) {
        return c >= 'A' && c <= 'Z';
    }

    private void add(Shape shape, int base, long found) {
        int s = shape.ordinal();
        for (long m = found; m != 0; m &= m - 1) {
            if (counts[s] == positions[s].length) {
                positions[s] = Arrays.copyOf(positions[s], counts[s] * 2);
            }
            positions[s][counts[s]++] = base + Long.numberOfTrailingZeros(m);
        }
    }

    /**
     * Sets {@link #ipv6} if a colon of this block is part of {@code ::}, or lies inside a run of
     * IPv6 characters (one on each side: the colons of JSON, between a quote and a space, do not)
     * that holds seven colons. Of seven colons in a run, five at least are inside it.
     */
    private void colons(int base, long c, long cAfter) {
        if ((c & ahead(c, cAfter, 1)) != 0) {
            ipv6 = true;
            return;
        }
        for (long m = c; m != 0; m &= m - 1) {
            int at = base + Long.numberOfTrailingZeros(m);
            if (at < ipv6CheckedTo || at == 0 || at + 1 >= text.length
                    || !isIpv6Char(text[at - 1]) || !isIpv6Char(text[at + 1])) {
                continue;
            }
            int start = at;
            while (start > 0 && isIpv6Char(text[start - 1])) {
                start--;
            }
            int end = start;
            int colonCount = 0;
            while (end < text.length && isIpv6Char(text[end])) {
                colonCount += text[end] == ':' ? 1 : 0;
                end++;
            }
            if (colonCount >= 7) {
                ipv6 = true;
                return;
            }
            ipv6CheckedTo = end;
        }
    }

    /** A character of an IPv6 address as written: hex digits, colons, and the dots of an embedded IPv4 address. */
    static boolean isIpv6Char(byte c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.';
    }
}
