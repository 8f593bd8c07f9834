package dev.klyo.javaagent;

import dev.klyo.match.HostPattern;
import dev.klyo.operator.KeyStoreSecret;
import dev.klyo.operator.SecretStore;
import dev.klyo.policy.PolicyException;
import dev.klyo.policy.Problems;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/**
 * The credentials file ({@code secrets=} setting): which real secret replaces which placeholder,
 * on requests to which hosts, and which detected values must never leave for other hosts.
 *
 * <pre>
 * secrets:
 *   - name: openai                  # placeholder klyo-secret:openai
 *     from: env:OPENAI_API_KEY      # or file:PATH, store:NAME, keystore:PATH#ALIAS (+ password: env:VAR|file:PATH)
 *     hosts: [api.openai.com]
 * exfiltration:
 *   detectors: [aws-access-key, github-token]
 *   hosts: [api.github.com]
 * </pre>
 *
 * Real values are read once at startup and held only here, in the agent's relocated classes.
 * Loading is all or nothing: every problem is reported with file, line, column and key, and no
 * binding is returned unless every one resolved.
 */
final class SecretBindings {

    static final String PREFIX = "klyo-secret:";
    static final List<String> TOP_KEYS = List.of("secrets", "exfiltration");
    static final List<String> SECRET_KEYS = List.of("name", "from", "password", "hosts");
    static final List<String> EXFILTRATION_KEYS = List.of("detectors", "hosts");
    private static final String SOURCES = "a source is env:VAR, file:PATH, store:NAME or keystore:PATH#ALIAS"
            + " (the value itself is never written here)";

    record Secret(String name, String value, List<HostPattern> hosts) {

        String placeholder() {
            return PREFIX + name;
        }

        boolean boundTo(String host) {
            return matches(hosts, host);
        }

        /** Never the value: a record's default would print it. */
        @Override
        public String toString() {
            return "Secret[" + placeholder() + " for " + hosts + "]";
        }
    }

    static final SecretBindings NONE = new SecretBindings(List.of(), List.of(), List.of());

    private final List<Secret> secrets;
    private final List<String> exfiltrationDetectors;
    private final List<HostPattern> exfiltrationHosts;

    SecretBindings(List<Secret> secrets, List<String> exfiltrationDetectors, List<HostPattern> exfiltrationHosts) {
        this.secrets = List.copyOf(secrets);
        this.exfiltrationDetectors = List.copyOf(exfiltrationDetectors);
        this.exfiltrationHosts = List.copyOf(exfiltrationHosts);
    }

    List<Secret> secrets() {
        return secrets;
    }

    /** Detector ids whose findings may only go to {@link #exfiltrationApproved} hosts. */
    List<String> exfiltrationDetectors() {
        return exfiltrationDetectors;
    }

    boolean exfiltrationApproved(String host) {
        return matches(exfiltrationHosts, host);
    }

    @Override
    public String toString() {
        return "SecretBindings" + secrets + ", exfiltration " + exfiltrationDetectors + " except to " + exfiltrationHosts;
    }

    /**
     * @param knownDetector whether an {@code exfiltration.detectors} id names a detector
     * @throws PolicyException every problem found, each located; nothing is loaded then
     */
    static SecretBindings load(Path file, UnaryOperator<String> env, Predicate<String> knownDetector)
            throws PolicyException {
        Problems problems = new Problems(file.toString());
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            problems.add(1, 1, "", unreadable(file, e));
            throw new PolicyException(problems.errors());
        }
        Node root = problems.root(text, "the secrets file");
        if (root == null) {
            throw new PolicyException(problems.errors());
        }
        Map<String, NodeTuple> top = problems.mapping(root, "", TOP_KEYS);
        Sources sources = new Sources(env, problems);
        List<Secret> secrets = new ArrayList<>();
        if (top.containsKey("secrets")) {
            Set<String> names = new HashSet<>();
            List<Node> items = problems.items(top.get("secrets").getValueNode(), "secrets");
            for (int i = 0; i < items.size(); i++) {
                Secret secret = secret(items.get(i), "secrets[" + i + "]", problems, sources);
                if (secret != null && !names.add(secret.name())) {
                    problems.add(items.get(i), "secrets[" + i + "].name", "another secret is named '"
                            + secret.name() + "' already");
                } else if (secret != null) {
                    secrets.add(secret);
                }
            }
        }
        List<String> detectors = List.of();
        List<HostPattern> approved = List.of();
        if (top.containsKey("exfiltration")) {
            Node node = top.get("exfiltration").getValueNode();
            Map<String, NodeTuple> m = problems.mapping(node, "exfiltration", EXFILTRATION_KEYS);
            if (m.containsKey("detectors")) {
                Node at = m.get("detectors").getValueNode();
                detectors = problems.strings(at, "exfiltration.detectors");
                for (String id : detectors) {
                    if (!knownDetector.test(id)) {
                        problems.add(at, "exfiltration.detectors", "no detector '" + id
                                + "' (built-in ids are in docs/detectors.md; the policy may declare more)");
                    }
                }
            }
            if (m.containsKey("hosts")) {
                approved = hosts(m.get("hosts").getValueNode(), "exfiltration.hosts", problems);
            }
        }
        if (!problems.errors().isEmpty()) {
            throw new PolicyException(problems.errors());
        }
        return new SecretBindings(secrets, detectors, approved);
    }

    private static Secret secret(Node item, String key, Problems problems, Sources sources) {
        int before = problems.errors().size();
        Map<String, NodeTuple> m = problems.mapping(item, key, SECRET_KEYS);
        for (String required : List.of("name", "from", "hosts")) {
            if (!m.containsKey(required) && problems.errors().size() == before) {
                problems.add(item, key + "." + required, "missing; a secret is {name, from, hosts}");
            }
        }
        if (problems.errors().size() > before) {
            return null;
        }
        Node nameNode = m.get("name").getValueNode();
        String name = problems.string(nameNode, key + ".name");
        if (name != null && !SecretStore.validName(name)) {
            problems.add(nameNode, key + ".name", "'" + name + "' is not a secret name: use letters, digits, '.', '_'"
                    + " and '-'");
        }
        int beforeHosts = problems.errors().size();
        List<HostPattern> hosts = hosts(m.get("hosts").getValueNode(), key + ".hosts", problems);
        if (hosts.isEmpty() && problems.errors().size() == beforeHosts) {
            problems.add(m.get("hosts").getValueNode(), key + ".hosts", "name at least one host");
        }
        Node from = m.get("from").getValueNode();
        NodeTuple password = m.get("password");
        String value = sources.value(from, password == null ? null : password.getValueNode(), key);
        return problems.errors().size() > before ? null : new Secret(name, value, hosts);
    }

    private static List<HostPattern> hosts(Node node, String key, Problems problems) {
        List<HostPattern> out = new ArrayList<>();
        for (String host : problems.strings(node, key)) {
            try {
                out.add(HostPattern.parse(host));
            } catch (IllegalArgumentException e) {
                problems.add(node, key, e.getMessage());
            }
        }
        return out;
    }

    private static boolean matches(List<HostPattern> hosts, String host) {
        if (host == null) {
            return false;
        }
        String lower = host.toLowerCase(Locale.ROOT);
        for (HostPattern pattern : hosts) {
            if (pattern.matches(lower)) {
                return true;
            }
        }
        return false;
    }

    private static String unreadable(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return file + " does not exist";
        }
        if (e instanceof AccessDeniedException) {
            return file + " cannot be read (permission denied)";
        }
        return file + " cannot be read (" + e.getClass().getSimpleName() + ")";
    }

    /**
     * Reads the values the sources name, reporting each problem at the source's node. A message
     * names the source, never what it holds: an inline value written by mistake stays out of
     * stderr too. Each keystore is opened once, however many entries are read from it.
     */
    private static final class Sources {

        private final UnaryOperator<String> env;
        private final Problems problems;
        private final Map<String, KeyStore> keystores = new HashMap<>();

        Sources(UnaryOperator<String> env, Problems problems) {
            this.env = env;
            this.problems = problems;
        }

        /** The value, or null after reporting why there is none. */
        String value(Node from, Node password, String key) {
            String source = problems.string(from, key + ".from");
            if (source == null) {
                return null;
            }
            boolean keystore = source.startsWith("keystore:");
            if (password != null && !keystore) {
                problems.add(password, key + ".password", "only a keystore: source takes a password");
                return null;
            }
            if (keystore && password == null) {
                problems.add(from, key + ".password", "missing: a keystore: source needs password: env:VAR or"
                        + " file:PATH (never the password itself)");
                return null;
            }
            char[] secret = keystore ? keyStorePassword(password, key + ".password") : null;
            if (keystore && secret == null) {
                return null;
            }
            try {
                return keystore ? fromKeyStore(source.substring("keystore:".length()), secret) : plain(source);
            } catch (IOException e) {
                problems.add(from, key + ".from", e.getMessage());
                return null;
            } finally {
                if (secret != null) {
                    Arrays.fill(secret, '\0');
                }
            }
        }

        private char[] keyStorePassword(Node node, String key) {
            String source = problems.string(node, key);
            if (source == null) {
                return null;
            }
            if (!source.startsWith("env:") && !source.startsWith("file:") && !source.startsWith("store:")) {
                problems.add(node, key, "name where the keystore password is read (env:VAR, file:PATH or"
                        + " store:NAME); the password itself is never written here");
                return null;
            }
            try {
                return plain(source).toCharArray();
            } catch (IOException e) {
                problems.add(node, key, e.getMessage());
                return null;
            }
        }

        /** {@code env:}, {@code file:} or {@code store:}; one trailing newline dropped. */
        private String plain(String source) throws IOException {
            int colon = source.indexOf(':');
            String scheme = colon < 0 ? "" : source.substring(0, colon);
            String ref = colon < 0 ? "" : source.substring(colon + 1);
            if (ref.isBlank()) {
                throw new IOException(SOURCES);
            }
            String value = switch (scheme) {
                case "env" -> {
                    String v = env.apply(ref);
                    if (v == null) {
                        throw new IOException("environment variable " + ref + " is not set");
                    }
                    yield v;
                }
                case "file" -> {
                    Path path = Path.of(ref);
                    try {
                        yield Files.readString(path, StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        throw new IOException("file " + unreadable(path, e));
                    }
                }
                case "store" -> {
                    SecretStore store = SecretStore.fromEnvironment(env);
                    if (!SecretStore.validName(ref)) {
                        throw new IOException("'" + ref + "' is not a secret store name");
                    }
                    byte[] bytes = store.read(ref);
                    if (bytes == null) {
                        throw new IOException("the secret store " + store.dir() + " has no secret '" + ref
                                + "' (klyo secret set " + ref + ")");
                    }
                    yield new String(bytes, StandardCharsets.UTF_8);
                }
                default -> throw new IOException(SOURCES);
            };
            return nonEmpty(withoutNewline(value), source);
        }

        /** {@code PATH#ALIAS}: the alias follows the last '#'. */
        private String fromKeyStore(String ref, char[] password) throws IOException {
            int hash = ref.lastIndexOf('#');
            if (hash <= 0 || hash == ref.length() - 1) {
                throw new IOException("write keystore:PATH#ALIAS, the entry's alias after '#'");
            }
            Path file = Path.of(ref.substring(0, hash));
            String alias = ref.substring(hash + 1);
            String opened = file.toAbsolutePath().normalize().toString();
            KeyStore store = keystores.get(opened);
            if (store == null) {
                store = KeyStoreSecret.open(file, password);
                keystores.put(opened, store);
            }
            return nonEmpty(withoutNewline(KeyStoreSecret.read(store, file, alias, password)),
                    "keystore " + file + " entry '" + alias + "'");
        }

        private static String withoutNewline(String value) {
            return value.endsWith("\r\n") ? value.substring(0, value.length() - 2)
                    : value.endsWith("\n") ? value.substring(0, value.length() - 1) : value;
        }

        private static String nonEmpty(String value, String source) throws IOException {
            if (value.isBlank()) {
                throw new IOException(source + " is empty");
            }
            return value;
        }
    }
}
