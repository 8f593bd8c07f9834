package dev.klyo.javaagent;

import dev.klyo.ActionDeniedException;
import dev.klyo.Klyo;
import dev.klyo.action.Action;
import dev.klyo.action.AgentContext;
import dev.klyo.action.DnsLookup;
import dev.klyo.action.FileAccess;
import dev.klyo.action.FileOperation;
import dev.klyo.action.HttpBody;
import dev.klyo.action.HttpRequest;
import dev.klyo.action.NetworkConnect;
import dev.klyo.action.ProcessStart;
import dev.klyo.action.SqlStatement;
import dev.klyo.action.ToolCall;
import dev.klyo.audit.AuditSink;
import dev.klyo.engine.Decision;
import dev.klyo.engine.PolicyEngine;
import dev.klyo.javaagent.bootstrap.Decider;
import dev.klyo.javaagent.bootstrap.Gate;
import dev.klyo.javaagent.bootstrap.HttpExchange;
import dev.klyo.policy.Effect;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns what a hook saw into an {@link Action}, asks {@link Klyo} (which decides and audits),
 * and answers the gate with the denial message when the action must not run.
 */
final class EngineDecider implements Decider {

    private static final FileOperation[] OPERATIONS = FileOperation.values();

    /**
     * What each of the gate's file operation codes is decided as, every one of them allowed or
     * the action denied. Most codes are their operation; some act on a file in more ways: a new
     * name for a file (a link) reads and writes it under that name, a file moved away is deleted
     * here and read wherever it lands, and a copy's or move's target is created and written.
     */
    private static final FileOperation[][] DECIDED_AS = decidedAs();

    private final Klyo klyo;
    private final AgentContext context;
    private final Set<String> protectedFiles;
    private final PrintStream debug;
    private final OutboundHttp outbound;
    private final JdbcDataSources dataSources = new JdbcDataSources();
    /** Nothing records decisions (no audit sink, no debug output): see {@link #allowedWithoutPath}. */
    private final boolean unrecorded;
    private volatile PathFreeReads pathFree;

    /**
     * @param protectedFiles canonical paths of Klyo's own files (policy, audit log): the
     *                       application may read them but never change or delete them
     * @param debug          where to print every decision, or null
     */
    EngineDecider(Klyo klyo, AgentContext context, Set<String> protectedFiles, PrintStream debug,
                  SecretBindings secrets) {
        this.klyo = klyo;
        this.context = context;
        this.protectedFiles = Set.copyOf(protectedFiles);
        this.debug = debug;
        this.outbound = new OutboundHttp(klyo, context, secrets, this::decision);
        this.unrecorded = debug == null && klyo.audit() == AuditSink.NONE;
    }

    @Override
    public String http(String method, String url, Map<String, List<String>> headers, boolean hasBody) {
        return decide(new HttpRequest(context, method, uri(url), headers, hasBody ? HttpBody.UNKNOWN : HttpBody.NONE));
    }

    @Override
    public String exchange(HttpExchange exchange) {
        return outbound.exchange(exchange);
    }

    @Override
    public String connect(String host, String address, int port, boolean udp) {
        String name = host == null || host.equals(address) ? "" : host;
        return decide(new NetworkConnect(context, name, address, port,
                udp ? NetworkConnect.Protocol.UDP : NetworkConnect.Protocol.TCP));
    }

    @Override
    public String dns(String host) {
        return decide(new DnsLookup(context, host));
    }

    @Override
    public String file(Object file, int operation) {
        if (allowedWithoutPath(operation)) {
            return null;
        }
        String path = canonical(file);
        if (path == null) {
            return null;
        }
        return first(path, DECIDED_AS[operation]);
    }

    @Override
    public String open(Object file, Set<?> options) {
        boolean write = options.contains(StandardOpenOption.WRITE) || options.contains(StandardOpenOption.APPEND);
        // A read-only open deletes the file on close too: that is a delete, whatever the mode.
        boolean delete = options.contains(StandardOpenOption.DELETE_ON_CLOSE);
        if (!write && !delete && allowedWithoutPath(Gate.READ)) {
            return null;
        }
        String path = canonical(file);
        if (path == null) {
            return null;
        }
        String denial;
        if (!write) {
            denial = first(path, FileOperation.READ);
        } else {
            boolean create = options.contains(StandardOpenOption.CREATE_NEW)
                    || (options.contains(StandardOpenOption.CREATE) && !new File(path).exists());
            denial = create ? first(path, FileOperation.CREATE, FileOperation.WRITE) : first(path, FileOperation.WRITE);
        }
        if (denial == null && delete) {
            denial = first(path, FileOperation.DELETE);
        }
        return denial;
    }

    @Override
    public String process(String[] command, String directory) {
        return decide(new ProcessStart(context, Arrays.asList(command), directory));
    }

    @Override
    public String tool(String name, String server, String arguments) {
        return decide(new ToolCall(context, name, server, arguments, Map.of()));
    }

    @Override
    public String sql(String sql, Object jdbc) {
        return decide(new SqlStatement(context, sql, dataSources.of(jdbc)));
    }

    private static FileOperation[][] decidedAs() {
        FileOperation[][] as = new FileOperation[Gate.COPY_TO + 1][];
        for (FileOperation op : OPERATIONS) {
            as[op.ordinal()] = new FileOperation[] {op};
        }
        as[Gate.LINK] = new FileOperation[] {FileOperation.LINK, FileOperation.READ, FileOperation.WRITE};
        as[Gate.MOVE_FROM] = new FileOperation[] {FileOperation.DELETE, FileOperation.READ};
        as[Gate.COPY_TO] = new FileOperation[] {FileOperation.CREATE, FileOperation.WRITE};
        return as;
    }

    private String first(String path, FileOperation... operations) {
        for (FileOperation op : operations) {
            if (op != FileOperation.READ && op != FileOperation.LIST && protectedFiles.contains(path)) {
                return "Klyo denied file " + op.key() + " " + path + ": Klyo's own policy and audit files cannot be changed";
            }
            String denial = decide(new FileAccess(context, path, op));
            if (denial != null) {
                return denial;
            }
        }
        return null;
    }

    /**
     * True when a read or list needs no path at all: the local engine's file rules ignore paths,
     * it allows the operation whatever the path, and nothing would record the decision. Writes
     * never qualify: they are checked against Klyo's own files by canonical path.
     */
    private boolean allowedWithoutPath(int operation) {
        if (!unrecorded || (operation != Gate.READ && operation != Gate.LIST) || !klyo.decidesLocally()) {
            return false;
        }
        PolicyEngine engine = klyo.engine();
        PathFreeReads reads = pathFree;
        // Worked out on first use, and again after a reload: only an unrecorded agent ever asks.
        if (reads == null || reads.engine() != engine) {
            reads = PathFreeReads.of(engine, context);
            pathFree = reads;
        }
        return reads.allowed()[operation];
    }

    /** Per engine (a reload brings a new one): which operations its file rules allow on any path. */
    private record PathFreeReads(PolicyEngine engine, boolean[] allowed) {
        static PathFreeReads of(PolicyEngine engine, AgentContext context) {
            boolean[] allowed = new boolean[OPERATIONS.length];
            if (engine.fileDecisionsIgnorePaths()) {
                for (FileOperation op : OPERATIONS) {
                    allowed[op.ordinal()] = engine.decide(new FileAccess(context, "/", op)).effect() == Effect.ALLOW;
                }
            }
            return new PathFreeReads(engine, allowed);
        }
    }

    private String decide(Action action) {
        Decision decision = decision(action);
        return decision.blocked() ? new ActionDeniedException(action, decision).getMessage() : null;
    }

    private Decision decision(Action action) {
        Decision decision = klyo.decide(action);
        if (debug != null) {
            debug.println("[klyo] " + decision.effect().key() + (decision.enforced() ? "" : " (observed)") + " "
                    + action.kind().key() + " " + action.target() + " [rule " + decision.ruleId() + "]");
        }
        return decision;
    }

    private static String canonical(Object file) {
        try {
            return FilePaths.canonical(file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot canonicalise " + file, e);
        }
    }

    /** URLs as HttpURLConnection holds them may contain characters URI refuses; quote those. */
    static URI uri(String url) {
        try {
            return URI.create(url);
        } catch (IllegalArgumentException e) {
            try {
                URL u = new URL(url);
                return new URI(u.getProtocol(), u.getUserInfo(), u.getHost(), u.getPort(), u.getPath(), u.getQuery(),
                        u.getRef());
            } catch (MalformedURLException | URISyntaxException inner) {
                throw new IllegalArgumentException("unparseable URL " + url, inner);
            }
        }
    }
}
