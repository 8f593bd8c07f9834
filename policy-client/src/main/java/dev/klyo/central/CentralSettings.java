package dev.klyo.central;

import dev.klyo.policy.Mode;
import dev.klyo.policy.PolicyLoader;
import dev.klyo.remote.FailureMode;
import dev.klyo.remote.OpaSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Central policy settings read from a flat key/value map (the javaagent's {@code key=value}
 * arguments, system properties, a properties file). Every key is documented in
 * {@code docs/central-policy.md}; unknown keys are left to whoever else reads the map.
 *
 * @param source        where the policy comes from; empty when only {@code opa} is set
 * @param opa           remote decisions; empty when not set
 * @param pollInterval  how often the source is polled
 * @param allowWhenUnavailable when no policy can be loaded at start, allow everything instead of denying everything
 * @param modeOverride  the {@code mode} key: forces every layer into that mode; null to keep each policy's
 */
public record CentralSettings(Optional<PolicySource> source, Optional<OpaSettings> opa, Duration pollInterval,
                              boolean allowWhenUnavailable, Mode modeOverride) {

    public static final String POLICY_URL = "policyUrl";
    public static final String POLICY_FILE = "policyFile";
    public static final String TEAM_PREFIX = "team.";
    public static final String PUBLIC_KEY = "publicKey";
    public static final String BUNDLE_CACHE = "bundleCache";
    public static final String POLL_INTERVAL = "pollInterval";
    public static final String CONNECT_TIMEOUT = "connectTimeout";
    public static final String READ_TIMEOUT = "readTimeout";
    public static final String ON_UNAVAILABLE = "onUnavailable";
    public static final String MODE = "mode";
    public static final String OPA = "opa";
    public static final String OPA_FAILURE = "opaFailure";
    public static final String OPA_CONNECT_TIMEOUT = "opaConnectTimeout";
    public static final String OPA_READ_TIMEOUT = "opaReadTimeout";
    public static final String OPA_CACHE_SIZE = "opaCacheSize";
    public static final String OPA_CACHE_TTL = "opaCacheTtl";
    public static final String OPA_RETRY_AFTER = "opaRetryAfter";

    /** Whether the map asks for anything this package does (a bundle URL, a reloading file, a decision point). */
    public static boolean requested(Map<String, String> settings) {
        return settings.containsKey(POLICY_URL) || settings.containsKey(POLICY_FILE) || settings.containsKey(OPA);
    }

    public static CentralSettings from(Map<String, String> s) throws IOException {
        List<PublicKey> keys = keys(s.getOrDefault(PUBLIC_KEY, ""));
        Optional<PolicySource> source = Optional.empty();
        PolicyLoader loader = new PolicyLoader();
        if (s.containsKey(POLICY_URL) && s.containsKey(POLICY_FILE)) {
            throw new IllegalArgumentException("set " + POLICY_URL + " or " + POLICY_FILE + ", not both");
        }
        if (s.containsKey(POLICY_URL)) {
            URI url = URI.create(s.get(POLICY_URL));
            if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
                throw new IllegalArgumentException(POLICY_URL + " must be an http or https URL: " + url);
            }
            if (keys.isEmpty()) {
                throw new IllegalArgumentException(POLICY_URL + " needs " + PUBLIC_KEY + ": bundles are only accepted signed");
            }
            String cache = s.getOrDefault(BUNDLE_CACHE, "");
            Path cacheFile = "none".equals(cache) ? null
                    : cache.isEmpty() ? defaultCache(url) : Path.of(cache);
            source = Optional.of(new HttpPolicySource(url, keys, cacheFile,
                    duration(s, CONNECT_TIMEOUT, "2s"), duration(s, READ_TIMEOUT, "5s"), loader));
        } else if (s.containsKey(POLICY_FILE)) {
            Map<String, Path> teams = new TreeMap<>();
            s.forEach((k, v) -> {
                if (k.startsWith(TEAM_PREFIX)) {
                    teams.put(k.substring(TEAM_PREFIX.length()), Path.of(v));
                }
            });
            source = Optional.of(new FilePolicySource(Path.of(s.get(POLICY_FILE)), teams, keys, loader));
        }
        Optional<OpaSettings> opa = Optional.empty();
        if (s.containsKey(OPA)) {
            opa = Optional.of(OpaSettings.of(URI.create(s.get(OPA)))
                    .withTimeouts(duration(s, OPA_CONNECT_TIMEOUT, "500ms"), duration(s, OPA_READ_TIMEOUT, "1s"))
                    .withCache(Integer.parseInt(s.getOrDefault(OPA_CACHE_SIZE, "10000")), duration(s, OPA_CACHE_TTL, "5s"))
                    .withFailure(FailureMode.fromKey(s.getOrDefault(OPA_FAILURE, "closed")),
                            duration(s, OPA_RETRY_AFTER, "1s")));
        }
        String unavailable = s.getOrDefault(ON_UNAVAILABLE, "deny");
        if (!unavailable.equals("deny") && !unavailable.equals("allow")) {
            throw new IllegalArgumentException(ON_UNAVAILABLE + " must be deny or allow: " + unavailable);
        }
        Mode mode = null;
        if (s.containsKey(MODE)) {
            mode = Mode.fromKey(s.get(MODE));
            if (mode == null) {
                throw new IllegalArgumentException(MODE + " must be enforce or observe: " + s.get(MODE));
            }
        }
        return new CentralSettings(source, opa, duration(s, POLL_INTERVAL, "30s"), unavailable.equals("allow"), mode);
    }

    /** Trusted keys: PEM files or bare base64, separated by commas (two during a rotation). */
    static List<PublicKey> keys(String value) throws IOException {
        List<PublicKey> keys = new ArrayList<>();
        for (String item : value.split(",")) {
            String k = item.strip();
            if (k.isEmpty()) {
                continue;
            }
            Path file = Path.of(k.replaceFirst("^~", System.getProperty("user.home")));
            keys.add(Files.isRegularFile(file) ? BundleKeys.readPublic(file) : BundleKeys.parsePublic(k));
        }
        return keys;
    }

    private static Duration duration(Map<String, String> s, String key, String dflt) {
        return Durations.parse(s.getOrDefault(key, dflt));
    }

    private static Path defaultCache(URI url) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(url.toString().getBytes(StandardCharsets.UTF_8));
            return Path.of(System.getProperty("user.home"), ".klyo", "bundles",
                    HexFormat.of().formatHex(hash, 0, 8) + ".json");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
