package dev.klyo.javaagent.bootstrap;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the gate asks the engine. Lives on the bootstrap class path so that advice inlined into
 * JDK classes can reach it; the implementation lives in the agent, out of the application's
 * reach. Every method returns {@code null} to let the action proceed, or the message of the
 * denial to throw.
 */
public interface Decider {

    String http(String method, String url, Map<String, List<String>> headers, boolean hasBody);

    /** A request with its body as the hook read it; the decider may rewrite the exchange. */
    String exchange(HttpExchange exchange);

    String connect(String host, String address, int port, boolean udp);

    String dns(String host);

    /** {@code file} is a {@link java.io.File}, a {@link java.nio.file.Path} or a path string. */
    String file(Object file, int operation);

    /** An open: the operation follows from the options (write, append, create, delete-on-close). */
    String open(Object file, Set<?> options);

    String process(String[] command, String directory);

    String tool(String name, String server, String arguments);

    /** {@code jdbc} is the {@code java.sql.Statement} or {@code Connection} running the statement. */
    String sql(String sql, Object jdbc);
}
