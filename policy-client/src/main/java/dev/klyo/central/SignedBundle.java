package dev.klyo.central;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.List;

/**
 * The signed envelope a bundle travels in: a JSON object
 * {@code {"format":"klyo-bundle/1","keyId":"…","payload":"<base64>","signature":"<base64>"}}. The
 * Ed25519 signature covers exactly the payload's bytes, so no JSON canonicalisation is involved
 * and any server can store and serve the envelope as an opaque file.
 */
public final class SignedBundle {

    public static final String FORMAT = "klyo-bundle/1";
    public static final String MEDIA_TYPE = "application/vnd.klyo.bundle+json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private SignedBundle() {
    }

    /** Signs {@code payload}; {@code publicKey} (may be null) only names the key in the envelope. */
    public static byte[] seal(byte[] payload, PrivateKey privateKey, PublicKey publicKey) {
        try {
            Signature signer = Signature.getInstance(BundleKeys.ALGORITHM);
            signer.initSign(privateKey);
            signer.update(payload);
            ObjectNode envelope = JSON.createObjectNode();
            envelope.put("format", FORMAT);
            envelope.put("keyId", publicKey == null ? "" : BundleKeys.keyId(publicKey));
            envelope.put("payload", Base64.getEncoder().encodeToString(payload));
            envelope.put("signature", Base64.getEncoder().encodeToString(signer.sign()));
            return (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(envelope) + "\n")
                    .getBytes(StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | JsonProcessingException e) {
            throw new IllegalStateException("cannot sign bundle", e);
        }
    }

    /**
     * The payload, if the envelope is well formed and its signature verifies with one of the
     * trusted keys (several during a key rotation).
     */
    public static byte[] open(byte[] envelope, List<PublicKey> trusted) throws BundleException {
        JsonNode root;
        try {
            root = JSON.readTree(envelope);
        } catch (java.io.IOException e) {
            throw new BundleException("malformed bundle: not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new BundleException("malformed bundle: not a JSON object");
        }
        if (!FORMAT.equals(root.path("format").asText())) {
            throw new BundleException("malformed bundle: format is '" + root.path("format").asText()
                    + "', expected '" + FORMAT + "'");
        }
        String signature = root.path("signature").asText("");
        if (signature.isEmpty()) {
            throw new BundleException("unsigned bundle: no signature");
        }
        byte[] payload;
        byte[] sig;
        try {
            payload = Base64.getDecoder().decode(root.path("payload").asText(""));
            sig = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            throw new BundleException("malformed bundle: payload or signature is not base64");
        }
        for (PublicKey key : trusted) {
            if (verifies(payload, sig, key)) {
                return payload;
            }
        }
        throw new BundleException("signature does not verify with any trusted key (bundle names key '"
                + root.path("keyId").asText("") + "', trusted: " + trusted.stream().map(BundleKeys::keyId).toList() + ")");
    }

    private static boolean verifies(byte[] payload, byte[] sig, PublicKey key) {
        try {
            Signature verifier = Signature.getInstance(BundleKeys.ALGORITHM);
            verifier.initVerify(key);
            verifier.update(payload);
            return verifier.verify(sig);
        } catch (GeneralSecurityException e) {
            // A malformed signature is as good as a wrong one.
            return false;
        }
    }
}
