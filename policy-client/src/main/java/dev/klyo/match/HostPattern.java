package dev.klyo.match;

import dev.klyo.action.Hosts;
import java.net.IDN;

/**
 * One entry of a {@code hosts:} list: an exact name ({@code api.openai.com}), a wildcard for
 * every subdomain ({@code *.openai.com}, which does not match {@code openai.com} itself),
 * {@code *} for any host, an IP address or a CIDR (IPv4 or IPv6).
 */
public final class HostPattern {

    public enum Type { EXACT, SUBDOMAINS, ANY, NETWORK }

    private final Type type;
    private final String name;
    private final Cidr cidr;
    private final String source;

    private HostPattern(Type type, String name, Cidr cidr, String source) {
        this.type = type;
        this.name = name;
        this.cidr = cidr;
        this.source = source;
    }

    /** Parses an entry; throws {@link IllegalArgumentException} naming the problem. */
    public static HostPattern parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty host");
        }
        if (t.equals("*")) {
            return new HostPattern(Type.ANY, "", null, t);
        }
        if (IpAddresses.isLegacyIpv4(t)) {
            throw new IllegalArgumentException("'" + t + "' is an ambiguous IPv4 form; write a dotted quad"
                    + " without leading zeros, such as 10.0.0.1");
        }
        int colon = t.lastIndexOf(':');
        if (colon > 0 && t.indexOf(':') == colon && t.indexOf('/') < 0) {
            throw new IllegalArgumentException("'" + t + "' has a port; hosts take none, list it under 'ports:'");
        }
        Cidr cidr = t.indexOf('/') >= 0 || t.indexOf(':') >= 0 || IpAddresses.parse(t) != null ? Cidr.parse(t) : null;
        if (cidr != null) {
            return new HostPattern(Type.NETWORK, "", cidr, t);
        }
        String n = Hosts.normalize(toAscii(t));
        if (n.startsWith("*.")) {
            String suffix = n.substring(2);
            checkName(suffix, text);
            return new HostPattern(Type.SUBDOMAINS, suffix, null, t);
        }
        checkName(n, text);
        return new HostPattern(Type.EXACT, n, null, t);
    }

    /** Internationalised names are matched in their ASCII (punycode) form, which is what goes on the wire. */
    private static String toAscii(String host) {
        for (int i = 0; i < host.length(); i++) {
            if (host.charAt(i) > 0x7f) {
                try {
                    return IDN.toASCII(host, IDN.ALLOW_UNASSIGNED);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("'" + host + "' is not a valid internationalised host name");
                }
            }
        }
        return host;
    }

    private static void checkName(String name, String original) {
        if (name.isEmpty() || name.startsWith(".") || name.contains("..")) {
            throw new IllegalArgumentException("'" + original + "' is not a host name");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_';
            if (!ok) {
                String hint = c == '*' ? " (a wildcard is only allowed as a leading '*.')" : "";
                throw new IllegalArgumentException("'" + original + "' has invalid character '" + c + "'" + hint);
            }
        }
    }

    public Type type() {
        return type;
    }

    /** The exact name, or the parent domain for {@link Type#SUBDOMAINS}. */
    public String name() {
        return name;
    }

    public Cidr cidr() {
        return cidr;
    }

    /** Whether this entry matches a normalised host name or IP literal. */
    public boolean matches(String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        return switch (type) {
            case ANY -> true;
            case EXACT -> name.equals(host);
            case SUBDOMAINS -> host.length() > name.length() + 1 && host.endsWith(name)
                    && host.charAt(host.length() - name.length() - 1) == '.';
            case NETWORK -> cidr.contains(IpAddresses.parseHost(host));
        };
    }

    @Override
    public String toString() {
        return source;
    }
}
