package dev.klyo.server;

import dev.klyo.central.BundleException;
import dev.klyo.central.BundleKeys;
import dev.klyo.central.BundlePayload;
import dev.klyo.central.SignedBundle;
import dev.klyo.policy.PolicyLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code klyo sign}: validates policies and writes them as one signed bundle. A policy that does
 * not load is never signed, so a bundle can only be refused for its signature, not its content.
 */
@Command(name = "sign", mixinStandardHelpOptions = true,
        description = "Validate an org policy (and team policies) and write a signed bundle.")
public final class SignCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--key", required = true, description = "Ed25519 private key (PEM, PKCS#8), e.g. from klyo keygen.")
    Path key;

    @Option(names = "--policy", required = true, description = "The org policy file.")
    Path policy;

    @Option(names = "--team", description = "A team policy, as group=file; repeatable.")
    Map<String, Path> teams = Map.of();

    @Option(names = "--revision", description = "The bundle's revision (default: the current time, UTC).")
    String revision;

    @Option(names = {"-o", "--out"}, required = true, description = "Where to write the signed bundle.")
    Path out;

    @Override
    public Integer call() throws Exception {
        String orgText = Files.readString(policy, StandardCharsets.UTF_8);
        Map<String, String> teamTexts = new LinkedHashMap<>();
        for (Map.Entry<String, Path> e : teams.entrySet()) {
            teamTexts.put(e.getKey(), Files.readString(e.getValue(), StandardCharsets.UTF_8));
        }
        String rev = revision == null ? Instant.now().toString() : revision;
        byte[] payload = BundlePayload.encode(rev, orgText, teamTexts);
        try {
            BundlePayload.decode(payload, policy.toString(), new PolicyLoader());
        } catch (BundleException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 1;
        }
        Path pub = key.resolveSibling(key.getFileName().toString().replaceFirst("\\.key$", "") + ".pub");
        PublicKey publicKey = Files.isRegularFile(pub) ? BundleKeys.readPublic(pub) : null;
        byte[] bundle = SignedBundle.seal(payload, BundleKeys.readPrivate(key), publicKey);
        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, ".bundle", ".tmp");
        Files.write(tmp, bundle);
        try {
            // Temp files are owner-only; a bundle is public (it is signed, not secret) and web servers must read it.
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the default permissions apply.
        }
        // Atomic, so a server never serves half a bundle.
        Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        spec.commandLine().getOut().println("signed " + out + " (revision " + rev + (publicKey == null ? "" : ", key " + BundleKeys.keyId(publicKey)) + ")");
        return 0;
    }
}
