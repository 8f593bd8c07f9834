package dev.klyo.match;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Parsing of IP literals without ever touching DNS, so policy loading and matching cannot leak names. */
public final class IpAddresses {

    private IpAddresses() {
    }

    /**
     * The address bytes of an IPv4 or IPv6 literal (IPv4-mapped IPv6 addresses come back as
     * their 4 IPv4 bytes), or {@code null} when {@code text} is not an IP literal.
     */
    public static byte[] parse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        String s = text;
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        byte[] bytes;
        if (s.indexOf(':') >= 0) {
            if (!s.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.' || c == '%')) {
                return null;
            }
            try {
                // A string containing ':' is only ever parsed as a literal, never looked up.
                bytes = InetAddress.getByName(s).getAddress();
            } catch (UnknownHostException | SecurityException e) {
                return null;
            }
        } else {
            bytes = parseIpv4(s);
        }
        return bytes == null ? null : unmap(bytes);
    }

    private static byte[] parseIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
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
