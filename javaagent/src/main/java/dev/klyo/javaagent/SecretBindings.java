package dev.klyo.javaagent;

import dev.klyo.match.HostPattern;
import dev.klyo.operator.SecretStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The credentials file ({@code secrets=} setting): which real secret replaces which placeholder,
 * on requests to which hosts, and which detected values must never leave for other hosts.
 *
 * <pre>
 * secrets:
 *   - name: openai                  # placeholder klyo-secret:openai
 *     from: env:OPENAI_API_KEY      # or file:/run/secrets/openai, or store:openai (the operator's SecretStore)
 *     hosts: [api.openai.com]
 * exfiltration:
 *   detectors: [aws-access-key, github-token]
 *   hosts: [api.github.com]
 * </pre>
 *
 * Real values are read once at startup and held only here, in the agent's relocated classes.
 */
final class SecretBindings {

    static final String PREFIX = "klyo-secret:";

    record Secret(String name, String value, List<String> hosts) {

        String placeholder() {
            return PREFIX + name;
        }

        boolean boundTo(String host) {
            return matches(hosts, host);
        }
    }

    static final SecretBindings NONE = new SecretBindings(List.of(), List.of(), List.of());

    private final List<Secret> secrets;
    private final List<String> exfiltrationDetectors;
    private final List<String> exfiltrationHosts;

    SecretBindings(List<Secret> secrets, List<String> exfiltrationDetectors, List<String> exfiltrationHosts) {
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

    boolean isEmpty() {
        return secrets.isEmpty() && exfiltrationDetectors.isEmpty();
    }

    static SecretBindings load(Path file, UnaryOperator<String> env) throws IOException {
        Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
        if (!(root instanceof Map<?, ?> top)) {
            throw new IOException(file + ": expected a mapping with secrets: and/or exfiltration:");
        }
        for (Object key : top.keySet()) {
            if (!"secrets".equals(key) && !"exfiltration".equals(key)) {
                throw new IOException(file + ": unknown key '" + key + "' (secrets, exfiltration)");
            }
        }
        List<Secret> secrets = new ArrayList<>();
        for (Object entry : list(top.get("secrets"), file + ": secrets")) {
            if (!(entry instanceof Map<?, ?> m)) {
                throw new IOException(file + ": each secret is a mapping {name, from, hosts}");
            }
            String name = string(m.get("name"), file + ": secret name");
            if (!SecretStore.validName(name)) {
                throw new IOException(file + ": invalid secret name '" + name + "'");
            }
            String value = resolve(string(m.get("from"), file + ": secrets." + name + ".from"), env);
            List<String> hosts = strings(m.get("hosts"), file + ": secrets." + name + ".hosts");
            if (hosts.isEmpty()) {
                throw new IOException(file + ": secrets." + name + ".hosts must name at least one host");
            }
            secrets.add(new Secret(name, value, hosts));
        }
        List<String> detectors = List.of();
        List<String> approved = List.of();
        Object exfiltration = top.get("exfiltration");
        if (exfiltration != null) {
            if (!(exfiltration instanceof Map<?, ?> m)) {
                throw new IOException(file + ": exfiltration is a mapping {detectors, hosts}");
            }
            detectors = strings(m.get("detectors"), file + ": exfiltration.detectors");
            approved = strings(m.get("hosts"), file + ": exfiltration.hosts");
        }
        return new SecretBindings(secrets, detectors, approved);
    }

    /** {@code env:VAR}, {@code file:PATH} (one trailing newline dropped), {@code store:NAME}. */
    private static String resolve(String from, UnaryOperator<String> env) throws IOException {
        int colon = from.indexOf(':');
        String scheme = colon < 0 ? "" : from.substring(0, colon);
        String ref = colon < 0 ? from : from.substring(colon + 1);
        String value = switch (scheme) {
            case "env" -> env.apply(ref);
            case "file" -> Files.readString(Path.of(ref));
            case "store" -> new String(SecretStore.fromEnvironment(env).read(ref), StandardCharsets.UTF_8);
            default -> throw new IOException("secret source must be env:, file: or store:, not '" + from + "'");
        };
        if (value == null || value.isBlank()) {
            throw new IOException("secret source " + from + " is empty or unset");
        }
        return value.endsWith("\n") ? value.substring(0, value.length() - (value.endsWith("\r\n") ? 2 : 1)) : value;
    }

    private static boolean matches(List<String> hosts, String host) {
        if (host == null) {
            return false;
        }
        for (String pattern : hosts) {
            if (HostPattern.parse(pattern).matches(host.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    private static List<?> list(Object o, String what) throws IOException {
        if (o == null) {
            return List.of();
        }
        if (!(o instanceof List<?> l)) {
            throw new IOException(what + " must be a list");
        }
        return l;
    }

    private static List<String> strings(Object o, String what) throws IOException {
        List<String> out = new ArrayList<>();
        for (Object item : list(o, what)) {
            out.add(string(item, what));
        }
        return out;
    }

    private static String string(Object o, String what) throws IOException {
        if (!(o instanceof String s) || s.isBlank()) {
            throw new IOException(what + " must be a non-empty string");
        }
        return s;
    }
}
