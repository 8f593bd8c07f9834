package dev.klyo.policy;

import dev.klyo.action.Action;
import dev.klyo.action.ActionKind;
import dev.klyo.action.DnsLookup;
import dev.klyo.action.HttpRequest;
import dev.klyo.action.NetworkConnect;
import dev.klyo.match.PortSet;
import java.util.Set;

/**
 * {@code match: {network: ...}}: hosts, ports and protocols. A network rule also matches HTTP
 * requests to the same hosts and, when it names no ports or protocols, DNS lookups of them, so
 * one rule covers every way of reaching a host. {@code match: {dns: ...}} matches lookups only.
 */
public record NetworkCriteria(HostList hosts, PortSet ports, Set<NetworkConnect.Protocol> protocols,
                              Set<ActionKind> kinds) implements Criteria {

    public NetworkCriteria {
        protocols = Set.copyOf(protocols);
        kinds = Set.copyOf(kinds);
    }

    public static NetworkCriteria network(HostList hosts, PortSet ports, Set<NetworkConnect.Protocol> protocols) {
        boolean coversDns = ports.isAny() && protocols.isEmpty();
        Set<ActionKind> kinds = coversDns
                ? Set.of(ActionKind.NETWORK, ActionKind.HTTP, ActionKind.DNS)
                : Set.of(ActionKind.NETWORK, ActionKind.HTTP);
        return new NetworkCriteria(hosts, ports, protocols, kinds);
    }

    public static NetworkCriteria dns(HostList hosts) {
        return new NetworkCriteria(hosts, PortSet.ANY, Set.of(), Set.of(ActionKind.DNS));
    }

    @Override
    public String mismatch(Action action, boolean explain) {
        if (!kinds.contains(action.kind())) {
            return explain ? "rule does not apply to " + action.kind().key() : NO;
        }
        String host;
        String address = "";
        int port;
        NetworkConnect.Protocol protocol = NetworkConnect.Protocol.TCP;
        if (action instanceof NetworkConnect c) {
            host = c.host();
            address = c.address();
            port = c.port();
            protocol = c.protocol();
        } else if (action instanceof HttpRequest r) {
            host = r.host();
            port = r.port();
        } else {
            host = ((DnsLookup) action).host();
            port = -1;
        }
        if (!hosts.matches(host, address)) {
            return Globs.reason(explain, "host", host.isEmpty() ? address : host, hosts);
        }
        if (port >= 0 && !ports.contains(port)) {
            return Globs.reason(explain, "port", port, ports);
        }
        if (!protocols.isEmpty() && !protocols.contains(protocol)) {
            return Globs.reason(explain, "protocol", protocol.key(), protocols);
        }
        return null;
    }
}
