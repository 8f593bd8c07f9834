package dev.klyo.central;

import dev.klyo.policy.PolicyLoader;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A signed bundle at an HTTP(S) URL, fetched with {@code If-None-Match} so an unchanged bundle
 * costs a {@code 304}. Every bundle must verify with a trusted Ed25519 key; the last good one is
 * kept on disk (with its ETag) so a restart while the server is down starts from it.
 */
public final class HttpPolicySource implements PolicySource {

    /** Bigger answers are refused rather than buffered: a bundle is policy text, not data. */
    static final int MAX_BUNDLE_BYTES = 16 << 20;

    private final URI url;
    private final List<PublicKey> trustedKeys;
    private final Path cacheFile;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final PolicyLoader loader;
    private String etag;
    private String rejectedEtag;
    private Instant issued = Instant.EPOCH;

    /**
     * @param cacheFile where the last good bundle is kept; {@code null} keeps nothing
     */
    public HttpPolicySource(URI url, List<PublicKey> trustedKeys, Path cacheFile, Duration connectTimeout,
                            Duration readTimeout, PolicyLoader loader) {
        if (trustedKeys.isEmpty()) {
            throw new IllegalArgumentException("a bundle URL needs at least one trusted public key");
        }
        this.url = url;
        this.trustedKeys = List.copyOf(trustedKeys);
        this.cacheFile = cacheFile;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.loader = loader;
    }

    @Override
    public synchronized Optional<PolicySet> lastGood() {
        if (cacheFile == null || !Files.isRegularFile(cacheFile)) {
            return Optional.empty();
        }
        try {
            PolicySet set = decode(Files.readAllBytes(cacheFile), cacheFile.toString(), Instant.EPOCH);
            Path tagFile = etagFile();
            etag = Files.isRegularFile(tagFile) ? Files.readString(tagFile, StandardCharsets.UTF_8).strip() : null;
            return Optional.of(set);
        } catch (IOException | BundleException e) {
            // A cache that no longer verifies (say, after a key rotation) is no starting point.
            return Optional.empty();
        }
    }

    @Override
    public synchronized Optional<PolicySet> poll() throws IOException, BundleException {
        HttpURLConnection c = HttpCalls.open(url, connectTimeout, readTimeout);
        try {
            c.setRequestProperty("Accept", SignedBundle.MEDIA_TYPE + ", application/json");
            String known = ifNoneMatch();
            if (known != null) {
                c.setRequestProperty("If-None-Match", known);
            }
            int status = c.getResponseCode();
            if (status == HttpURLConnection.HTTP_NOT_MODIFIED) {
                return Optional.empty();
            }
            if (status != HttpURLConnection.HTTP_OK) {
                throw new IOException(url + " answered HTTP " + status);
            }
            byte[] body = HttpCalls.readAtMost(c.getInputStream(), MAX_BUNDLE_BYTES);
            String tag = c.getHeaderField("ETag");
            PolicySet set;
            try {
                set = decode(body, url.toString(), issued);
            } catch (BundleException e) {
                // Remember it so the same bad bundle is neither fetched nor reported again.
                rejectedEtag = tag;
                throw e;
            }
            persist(body, tag);
            etag = tag;
            rejectedEtag = null;
            return Optional.of(set);
        } finally {
            c.disconnect();
        }
    }

    @Override
    public String location() {
        return url.toString();
    }

    private String ifNoneMatch() {
        if (etag == null) {
            return rejectedEtag;
        }
        return rejectedEtag == null ? etag : etag + ", " + rejectedEtag;
    }

    /**
     * Verifies and reads a bundle. One issued before {@code notBefore} is refused: a validly signed
     * old bundle replayed by a compromised server or a man in the middle must not roll policy back.
     */
    private PolicySet decode(byte[] envelope, String sourceName, Instant notBefore) throws BundleException {
        byte[] payload = SignedBundle.open(envelope, trustedKeys);
        Instant when = BundlePayload.issued(payload);
        if (when.isBefore(notBefore)) {
            throw new BundleException("rollback refused: bundle issued " + when + " is older than the current one, issued "
                    + notBefore);
        }
        PolicySet set = BundlePayload.decode(payload, sourceName, loader);
        issued = when;
        return set;
    }

    private void persist(byte[] envelope, String tag) throws IOException {
        if (cacheFile == null) {
            return;
        }
        Path dir = cacheFile.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".bundle", ".tmp");
        Files.write(tmp, envelope);
        Files.move(tmp, cacheFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        if (tag == null) {
            Files.deleteIfExists(etagFile());
        } else {
            Files.writeString(etagFile(), tag, StandardCharsets.UTF_8);
        }
    }

    private Path etagFile() {
        return cacheFile.resolveSibling(cacheFile.getFileName() + ".etag");
    }
}
