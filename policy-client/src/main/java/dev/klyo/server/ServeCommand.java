package dev.klyo.server;

import dev.klyo.central.BundleKeys;
import dev.klyo.central.Durations;
import dev.klyo.central.FilePolicySource;
import dev.klyo.central.PolicySource;
import dev.klyo.policy.PolicyLoader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code klyo serve}: runs the reference policy server until the process is stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve signed bundles, OPA-compatible decisions and audit ingestion (see docs/central-policy.md).")
public final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--port", defaultValue = "8181", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--bundles", description = "Directory of signed bundles served at /bundles/<file name>.")
    Path bundles;

    @Option(names = "--policy", description = "Policy file (or, with --public-key, signed bundle) the decision API decides with.")
    Path policy;

    @Option(names = "--team", description = "Team policy for the decision API, as group=file; repeatable.")
    Map<String, Path> teams = Map.of();

    @Option(names = "--public-key", description = "Ed25519 public key (PEM file or base64): --policy must then be a signed bundle.")
    String publicKey;

    @Option(names = "--audit-store", description = "JSON Lines file that ingested audit events are stored in; enables POST /v1/audit.")
    Path auditStore;

    @Option(names = "--poll", defaultValue = "5s", description = "How often --policy is checked for changes (default: ${DEFAULT-VALUE}).")
    String poll;

    @Override
    public Integer call() throws Exception {
        PolicySource source = null;
        if (policy != null) {
            List<PublicKey> keys = publicKey == null ? List.of() : List.of(key(publicKey));
            source = new FilePolicySource(policy, teams, keys, new PolicyLoader());
        }
        PolicyServer server = PolicyServer.start(new PolicyServer.Config(
                new InetSocketAddress(InetAddress.getByName(bind), port), bundles, source, auditStore,
                Durations.parse(poll)));
        spec.commandLine().getOut().println("klyo serve listening on " + server.url()
                + (bundles == null ? "" : "; bundles from " + bundles.toAbsolutePath())
                + (source == null ? "" : "; decisions with " + server.policy().describe())
                + (auditStore == null ? "" : "; audit into " + auditStore.toAbsolutePath()));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (java.io.IOException e) {
                // Exiting anyway.
            }
            stopped.countDown();
        }, "klyo-serve-shutdown"));
        stopped.await();
        return 0;
    }

    private static PublicKey key(String value) throws java.io.IOException {
        Path file = Path.of(value);
        return java.nio.file.Files.isRegularFile(file) ? BundleKeys.readPublic(file) : BundleKeys.parsePublic(value);
    }
}
