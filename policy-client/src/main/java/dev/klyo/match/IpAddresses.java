package dev.klyo.match;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Parsing of IP literals without ever touching DNS, so policy loading and matching cannot leak names. */
public final class IpAddresses {

    private IpAddresses() {
    }

    /**
     * The address bytes of an IPv4 or IPv6 literal as written in a policy (IPv4-mapped IPv6
     * addresses come back as their 4 IPv4 bytes), or {@code null} when {@code text} is not an
     * IP literal. IPv4 must be a plain dotted quad without leading zeros: policies are read by
     * people, and {@code 010.0.0.1} means 8.0.0.1 to some resolvers and 10.0.0.1 to others.
     */
    public static byte[] parse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        String s = text;
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        byte[] bytes = s.indexOf(':') >= 0 ? parseIpv6(s) : parseIpv4(s);
        return bytes == null ? null : unmap(bytes);
    }

    /**
     * The address a resolver would dial for a host as it appears in an action: besides the
     * forms {@link #parse} reads, the legacy IPv4 forms that {@code inet_aton} (and so curl,
     * many HTTP clients and the C library) accepts, such as {@code 2852039166},
     * {@code 0xa9.254.169.254} or {@code 0251.0376.0251.0376}. Without this, a deny on
     * {@code 169.254.169.254} could be stepped around by spelling the address differently.
     */
    public static byte[] parseHost(String host) {
        if (host == null || host.isEmpty()) {
            return null;
        }
        if (host.indexOf(':') >= 0 || host.charAt(0) == '[') {
            return parse(host);
        }
        return inetAton(host);
    }

    /** Whether {@link #parse} would reject {@code text} only because it is an ambiguous legacy form. */
    public static boolean isLegacyIpv4(String text) {
        return text != null && !text.isEmpty() && text.indexOf(':') < 0 && parse(text) == null
                && inetAton(text) != null;
    }

    private static byte[] parseIpv6(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.digit(c, 16) < 0 && c != ':' && c != '.' && c != '%') {
                return null;
            }
        }
        try {
            // Brackets make the JDK treat the text strictly as an IPv6 literal: it never resolves it as a name.
            return InetAddress.getByName("[" + s + "]").getAddress();
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }

    private static byte[] parseIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)
                    || (p.length() > 1 && p.charAt(0) == '0')) {
                return null;
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    /** {@code inet_aton}: 1 to 4 parts, each decimal, octal (leading 0) or hex (0x); the last part fills the rest. */
    private static byte[] inetAton(String s) {
        char first = s.charAt(0);
        if (first < '0' || first > '9') {
            return null;
        }
        String[] parts = s.split("\\.", -1);
        if (parts.length > 4) {
            return null;
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            long v = number(parts[i]);
            if (v < 0) {
                return null;
            }
            values[i] = v;
        }
        long address = 0;
        for (int i = 0; i < parts.length - 1; i++) {
            if (values[i] > 255) {
                return null;
            }
            address |= values[i] << (8 * (3 - i));
        }
        long last = values[parts.length - 1];
        long lastMax = (1L << (8 * (4 - (parts.length - 1)))) - 1;
        if (last > lastMax) {
            return null;
        }
        address |= last;
        return new byte[] {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
    }

    /** One inet_aton part, or -1 when it is not a number. */
    private static long number(String p) {
        if (p.isEmpty() || p.length() > 12) {
            return -1;
        }
        int radix = 10;
        String digits = p;
        if (p.length() > 1 && p.charAt(0) == '0' && (p.charAt(1) == 'x' || p.charAt(1) == 'X')) {
            radix = 16;
            digits = p.substring(2);
            if (digits.isEmpty()) {
                return 0;
            }
        } else if (p.length() > 1 && p.charAt(0) == '0') {
            radix = 8;
            digits = p.substring(1);
        }
        long v = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = Character.digit(digits.charAt(i), radix);
            if (d < 0) {
                return -1;
            }
            v = v * radix + d;
        }
        return v;
    }

    static byte[] unmap(byte[] bytes) {
        if (bytes.length != 16) {
            return bytes;
        }
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return bytes;
            }
        }
        if (bytes[10] != (byte) 0xff || bytes[11] != (byte) 0xff) {
            return bytes;
        }
        return new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]};
    }
}
