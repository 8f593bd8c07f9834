package dev.klyo.action;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A connection or datagram about to leave: the name the caller asked for (when known), the
 * address actually dialled, the port and the protocol.
 */
public record NetworkConnect(AgentContext context, String host, String address, int port, Protocol protocol)
        implements Action {

    public enum Protocol {
        TCP, UDP;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public NetworkConnect {
        context = Objects.requireNonNullElse(context, AgentContext.ANONYMOUS);
        host = Hosts.normalize(host);
        address = Hosts.normalize(address);
        protocol = Objects.requireNonNullElse(protocol, Protocol.TCP);
    }

    public static NetworkConnect tcp(String host, String address, int port) {
        return new NetworkConnect(AgentContext.ANONYMOUS, host, address, port, Protocol.TCP);
    }

    @Override
    public ActionKind kind() {
        return ActionKind.NETWORK;
    }

    @Override
    public Map<String, Object> attributes() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("host", host);
        map.put("address", address);
        map.put("port", (long) port);
        map.put("protocol", protocol.key());
        return map;
    }

    @Override
    public String target() {
        String name = host.isEmpty() ? address : host;
        String shown = name.contains(":") ? "[" + name + "]" : name;
        return protocol.key() + "://" + shown + ":" + port;
    }
}
