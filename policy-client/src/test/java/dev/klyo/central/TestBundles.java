package dev.klyo.central;

import java.security.KeyPair;
import java.util.Map;

/** Policies and signed bundles for tests: policy {@code rev} allows tool {@code x} or denies it. */
public final class TestBundles {

    public static final KeyPair KEY = BundleKeys.generate();
    public static final KeyPair OTHER_KEY = BundleKeys.generate();

    private TestBundles() {
    }

    /** A policy named {@code name} whose tool default is deny, with tool {@code x} allowed or explicitly denied. */
    public static String toolPolicy(String name, boolean allowX) {
        return "version: 1\nname: " + name + "\ndefaults: {tool: deny}\nrules:\n"
                + "  - id: " + (allowX ? "allow-x" : "deny-x") + "\n"
                + "    effect: " + (allowX ? "allow" : "deny") + "\n"
                + "    match: {tool: {names: [x]}}\n";
    }

    public static byte[] signed(String revision, String policy, Map<String, String> teams, KeyPair key) {
        return SignedBundle.seal(BundlePayload.encode(revision, policy, teams), key.getPrivate(), key.getPublic());
    }

    /** A bundle that says it was signed at {@code issued}. */
    public static byte[] signedAt(String revision, boolean allowX, java.time.Instant issued) {
        return SignedBundle.seal(BundlePayload.encode(revision, issued, toolPolicy(revision, allowX), Map.of()),
                KEY.getPrivate(), KEY.getPublic());
    }

    public static byte[] signed(String revision, boolean allowX) {
        return signed(revision, toolPolicy(revision, allowX), Map.of(), KEY);
    }
}
