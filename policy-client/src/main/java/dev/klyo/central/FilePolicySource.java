package dev.klyo.central;

import dev.klyo.policy.Policy;
import dev.klyo.policy.PolicyException;
import dev.klyo.policy.PolicyLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Policy files on local disk: an org policy and optional team policies (group to file). Polled
 * by modification time and size, confirmed by a hash of the content, so an editor's save that
 * changes nothing, or a touch, reloads nothing. With trusted keys the org file must be a signed
 * bundle (and team files are not allowed: the bundle carries its teams).
 */
public final class FilePolicySource implements PolicySource {

    private final Path policyFile;
    private final Map<String, Path> teamFiles;
    private final List<PublicKey> trustedKeys;
    private final PolicyLoader loader;
    private List<Object> stamp;
    private byte[] hash;

    public FilePolicySource(Path policyFile, Map<String, Path> teamFiles, List<PublicKey> trustedKeys,
                            PolicyLoader loader) {
        if (!trustedKeys.isEmpty() && !teamFiles.isEmpty()) {
            throw new IllegalArgumentException("a signed bundle file carries its own team policies");
        }
        this.policyFile = policyFile;
        this.teamFiles = new TreeMap<>(teamFiles);
        this.trustedKeys = List.copyOf(trustedKeys);
        this.loader = loader;
    }

    /** The file itself is the last good copy: there is nothing else to start from. */
    @Override
    public Optional<PolicySet> lastGood() {
        return Optional.empty();
    }

    @Override
    public synchronized Optional<PolicySet> poll() throws IOException, BundleException {
        List<Object> now = stamp();
        if (now.equals(stamp)) {
            return Optional.empty();
        }
        Map<Path, byte[]> contents = new LinkedHashMap<>();
        contents.put(policyFile, Files.readAllBytes(policyFile));
        for (Path team : teamFiles.values()) {
            contents.put(team, Files.readAllBytes(team));
        }
        byte[] digest = digest(contents);
        stamp = now;
        if (Arrays.equals(digest, hash)) {
            return Optional.empty();
        }
        // Recorded before parsing: a broken file is reported once, not on every poll.
        hash = digest;
        if (!trustedKeys.isEmpty()) {
            byte[] payload = SignedBundle.open(contents.get(policyFile), trustedKeys);
            return Optional.of(BundlePayload.decode(payload, policyFile.toString(), loader));
        }
        Policy org = parse(contents.get(policyFile), policyFile);
        Map<String, Policy> teams = new LinkedHashMap<>();
        for (Map.Entry<String, Path> e : teamFiles.entrySet()) {
            teams.put(e.getKey(), parse(contents.get(e.getValue()), e.getValue()));
        }
        return Optional.of(new PolicySet(org, teams, org.revision()));
    }

    @Override
    public String location() {
        return policyFile.toString();
    }

    private List<Object> stamp() throws IOException {
        List<Object> s = new ArrayList<>();
        for (Path p : allFiles()) {
            s.add(Files.getLastModifiedTime(p));
            s.add(Files.size(p));
        }
        return s;
    }

    private List<Path> allFiles() {
        List<Path> all = new ArrayList<>();
        all.add(policyFile);
        all.addAll(teamFiles.values());
        return all;
    }

    private Policy parse(byte[] content, Path file) throws BundleException {
        try {
            return loader.parse(new String(content, StandardCharsets.UTF_8), file.toString());
        } catch (PolicyException e) {
            throw new BundleException("invalid policy: " + e.getMessage(), e);
        }
    }

    private static byte[] digest(Map<Path, byte[]> contents) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            contents.values().forEach(md::update);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
