package dev.klyo.server;

import com.sun.net.httpserver.HttpServer;
import dev.klyo.audit.AuditSink;
import dev.klyo.central.CentralPolicy;
import dev.klyo.central.DecisionPoint;
import dev.klyo.central.PolicySet;
import dev.klyo.central.PolicySource;
import dev.klyo.central.PolicyUpdater;
import dev.klyo.layers.LayeredDecisionPoint;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The reference policy server behind {@code klyo serve}: signed bundles with ETags
 * ({@code /bundles/<name>}), OPA's data API decided by Klyo's engine ({@code /v1/data/klyo/…}),
 * audit ingestion deduplicated by event id ({@code /v1/audit}), and {@code /health}. JDK HTTP
 * server only; binds to loopback unless told otherwise.
 */
public final class PolicyServer implements AutoCloseable {

    /**
     * @param bind           address and port (port 0 picks a free one)
     * @param bundleDir      signed bundles to serve; null serves none
     * @param decisionSource the policy the decision API decides with; null disables the decision API
     * @param auditStore     the JSON Lines file audit events are stored in; null disables ingestion
     * @param pollInterval   how often {@code decisionSource} is checked for changes
     */
    public record Config(InetSocketAddress bind, Path bundleDir, PolicySource decisionSource, Path auditStore,
                         Duration pollInterval) {
    }

    private final HttpServer http;
    private final ExecutorService executor;
    private final PolicyUpdater updater;
    private final AuditStore store;
    private volatile DecisionPoint decisions;

    private PolicyServer(Config config) throws IOException {
        http = HttpServer.create(config.bind(), 64);
        executor = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "klyo-serve");
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(executor);
        if (config.bundleDir() != null) {
            http.createContext(BundleHandler.PREFIX, new BundleHandler(config.bundleDir()));
        }
        if (config.decisionSource() != null) {
            updater = new PolicyUpdater(config.decisionSource(), this::install, AuditSink.NONE, config.pollInterval());
            updater.start(PolicySet.of(CentralPolicy.unavailablePolicy(false)));
            http.createContext(DecisionHandler.PREFIX, new DecisionHandler(() -> decisions));
        } else {
            updater = null;
        }
        store = config.auditStore() == null ? null : new AuditStore(config.auditStore());
        if (store != null) {
            http.createContext(AuditHandler.PATH, new AuditHandler(store));
        }
        http.createContext("/health", ex -> {
            try (ex) {
                Exchanges.send(ex, 200, "text/plain", "ok\n");
            }
        });
        http.start();
    }

    public static PolicyServer start(Config config) throws IOException {
        return new PolicyServer(config);
    }

    private void install(PolicySet set) {
        decisions = new LayeredDecisionPoint(set);
    }

    public int port() {
        return http.getAddress().getPort();
    }

    /** The base URL, e.g. {@code http://127.0.0.1:8181}. */
    public URI url() {
        InetSocketAddress a = http.getAddress();
        String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort());
    }

    /** The policy the decision API uses now; null without one. */
    public PolicySet policy() {
        return updater == null ? null : updater.current();
    }

    /** Audit events stored so far (across restarts); -1 without ingestion. */
    public int storedEvents() {
        return store == null ? -1 : store.size();
    }

    @Override
    public void close() throws IOException {
        http.stop(0);
        executor.shutdownNow();
        if (updater != null) {
            updater.close();
        }
        if (store != null) {
            store.close();
        }
    }
}
