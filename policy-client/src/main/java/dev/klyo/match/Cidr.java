package dev.klyo.match;

/** An IPv4 or IPv6 network such as {@code 10.0.0.0/8} or {@code fd00::/8}; a bare address is a /32 or /128. */
public final class Cidr {

    private final byte[] network;
    private final int prefixLength;
    private final String source;

    private Cidr(byte[] network, int prefixLength, String source) {
        this.network = network;
        this.prefixLength = prefixLength;
        this.source = source;
    }

    /** Parses a CIDR or address; throws {@link IllegalArgumentException} when it is neither. */
    public static Cidr parse(String text) {
        int slash = text.indexOf('/');
        String addressPart = slash < 0 ? text : text.substring(0, slash);
        byte[] address = IpAddresses.parse(addressPart);
        if (address == null) {
            throw new IllegalArgumentException("'" + addressPart + "' is not an IP address"
                    + (IpAddresses.isLegacyIpv4(addressPart) ? " (write a dotted quad without leading zeros)" : ""));
        }
        int max = address.length * 8;
        int prefix = max;
        if (slash >= 0) {
            String len = text.substring(slash + 1);
            if (len.isEmpty() || len.length() > 3 || !len.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("bad prefix length '" + len + "'");
            }
            prefix = Integer.parseInt(len);
            if (addressPart.indexOf(':') >= 0 && address.length == 4) {
                // ::ffff:a.b.c.d/104 is written in IPv6 terms; express it over the IPv4 bytes.
                prefix -= 96;
            }
            if (prefix < 0 || prefix > max) {
                throw new IllegalArgumentException("prefix length " + len + " out of range 0-" + max);
            }
        }
        return new Cidr(mask(address, prefix), prefix, text);
    }

    /** Only the literal form: {@code null} when text is not an address or CIDR. */
    public static Cidr tryParse(String text) {
        int slash = text.indexOf('/');
        if (IpAddresses.parse(slash < 0 ? text : text.substring(0, slash)) == null) {
            return null;
        }
        return parse(text);
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] out = address.clone();
        for (int bit = prefix; bit < out.length * 8; bit++) {
            out[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return out;
    }

    public boolean contains(byte[] address) {
        if (address == null || address.length != network.length) {
            return false;
        }
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int maskByte = (0xff << (8 - rest)) & 0xff;
        return (address[full] & maskByte) == (network[full] & 0xff);
    }

    public int prefixLength() {
        return prefixLength;
    }

    public boolean isIpv4() {
        return network.length == 4;
    }

    /** The masked network bytes (a copy). */
    public byte[] network() {
        return network.clone();
    }

    @Override
    public String toString() {
        return source;
    }
}
