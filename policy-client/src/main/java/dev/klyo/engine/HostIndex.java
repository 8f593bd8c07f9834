package dev.klyo.engine;

import dev.klyo.action.Action;
import dev.klyo.action.DnsLookup;
import dev.klyo.action.HttpRequest;
import dev.klyo.action.NetworkConnect;
import dev.klyo.match.Cidr;
import dev.klyo.match.HostPattern;
import dev.klyo.match.IpAddresses;
import dev.klyo.policy.HostList;
import dev.klyo.policy.Rule;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Host lookups in constant time per host label: exact names by hash, {@code *.domain} by each
 * parent domain of the host, CIDRs by masking the address once per prefix length in use.
 */
final class HostIndex implements CandidateIndex {

    private final RuleBuckets<String> exact = new RuleBuckets<>();
    private final RuleBuckets<String> subdomains = new RuleBuckets<>();
    private final TreeMap<Integer, RuleBuckets<ByteBuffer>> networks = new TreeMap<>();
    private final List<Rule> any = new ArrayList<>();
    private int[] prefixLengths;
    private Rule[] anyRules;

    void add(Rule rule, HostList hosts) {
        if (hosts.isAny()) {
            any.add(rule);
            return;
        }
        for (HostPattern p : hosts.patterns()) {
            switch (p.type()) {
                case ANY -> any.add(rule);
                case EXACT -> exact.add(p.name(), rule);
                case SUBDOMAINS -> subdomains.add(p.name(), rule);
                case NETWORK -> {
                    Cidr c = p.cidr();
                    // IPv4 lengths are stored as-is, IPv6 lengths offset by 1000 to keep the families apart.
                    int key = c.isIpv4() ? c.prefixLength() : 1000 + c.prefixLength();
                    networks.computeIfAbsent(key, k -> new RuleBuckets<>()).add(ByteBuffer.wrap(c.network()), rule);
                }
            }
        }
    }

    HostIndex freeze() {
        exact.freeze();
        subdomains.freeze();
        networks.values().forEach(RuleBuckets::freeze);
        prefixLengths = networks.keySet().stream().mapToInt(Integer::intValue).toArray();
        anyRules = any.toArray(Rule[]::new);
        return this;
    }

    @Override
    public void candidates(Action action, List<Rule> out) {
        for (Rule r : anyRules) {
            out.add(r);
        }
        if (action instanceof HttpRequest r) {
            lookup(r.host(), out);
        } else if (action instanceof NetworkConnect c) {
            lookup(c.host(), out);
            if (!c.address().equals(c.host())) {
                lookup(c.address(), out);
            }
        } else if (action instanceof DnsLookup d) {
            lookup(d.host(), out);
        }
    }

    private void lookup(String host, List<Rule> out) {
        if (host.isEmpty()) {
            return;
        }
        exact.collect(host, out);
        if (!subdomains.isEmpty()) {
            for (int dot = host.indexOf('.'); dot >= 0; dot = host.indexOf('.', dot + 1)) {
                subdomains.collect(host.substring(dot + 1), out);
            }
        }
        if (prefixLengths.length > 0 && looksLikeAddress(host)) {
            byte[] address = IpAddresses.parseHost(host);
            if (address != null) {
                for (int key : prefixLengths) {
                    boolean v4 = key < 1000;
                    if (v4 != (address.length == 4)) {
                        continue;
                    }
                    networks.get(key).collect(ByteBuffer.wrap(mask(address, v4 ? key : key - 1000)), out);
                }
            }
        }
    }

    private static boolean looksLikeAddress(String host) {
        char c = host.charAt(0);
        return (c >= '0' && c <= '9') || host.indexOf(':') >= 0;
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] out = address.clone();
        for (int bit = prefix; bit < out.length * 8; bit++) {
            out[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return out;
    }
}
