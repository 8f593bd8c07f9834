package dev.klyo.action;

import java.util.Map;
import java.util.Objects;

/** A name about to be resolved. Names can carry data out, so lookups are actions too. */
public record DnsLookup(AgentContext context, String host) implements Action {

    public DnsLookup {
        context = Objects.requireNonNullElse(context, AgentContext.ANONYMOUS);
        host = Hosts.normalize(host);
    }

    public static DnsLookup of(String host) {
        return new DnsLookup(AgentContext.ANONYMOUS, host);
    }

    @Override
    public ActionKind kind() {
        return ActionKind.DNS;
    }

    @Override
    public Map<String, Object> attributes() {
        return Map.of("host", host);
    }

    @Override
    public String target() {
        return host;
    }
}
