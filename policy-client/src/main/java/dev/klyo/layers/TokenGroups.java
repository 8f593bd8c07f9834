package dev.klyo.layers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.klyo.action.AgentContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The principal's groups from a JWT's claims, to select team layers. Three trust modes:
 * {@link #unverified} for a token the application has already verified (the claims are read, the
 * signature is not checked), {@link #hs256} with a shared secret, and {@link #ed25519} ({@code alg:
 * EdDSA}) with a public key. A verifying instance refuses any other {@code alg}, an expired
 * ({@code exp}) or not yet valid ({@code nbf}) token.
 *
 * <p>The claim is a dotted path ({@code groups}, or {@code realm_access.roles} for Keycloak) to an
 * array of strings or a single string.
 */
public final class TokenGroups {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String claimPath;
    private final String algorithm;
    private final byte[] secret;
    private final PublicKey publicKey;
    private final Clock clock;

    private TokenGroups(String claimPath, String algorithm, byte[] secret, PublicKey publicKey, Clock clock) {
        this.claimPath = claimPath;
        this.algorithm = algorithm;
        this.secret = secret;
        this.publicKey = publicKey;
        this.clock = clock;
    }

    public static TokenGroups unverified(String claimPath) {
        return new TokenGroups(claimPath, null, null, null, Clock.systemUTC());
    }

    public static TokenGroups hs256(byte[] secret, String claimPath) {
        return new TokenGroups(claimPath, "HS256", secret.clone(), null, Clock.systemUTC());
    }

    public static TokenGroups ed25519(PublicKey key, String claimPath) {
        return new TokenGroups(claimPath, "EdDSA", null, key, Clock.systemUTC());
    }

    /** The same verification against another clock (tests of expiry). */
    public TokenGroups withClock(Clock other) {
        return new TokenGroups(claimPath, algorithm, secret, publicKey, other);
    }

    /** The groups the token grants. */
    public Set<String> groups(String token) throws InvalidTokenException {
        String[] parts = token.strip().split("\\.", -1);
        if (parts.length != 3) {
            throw new InvalidTokenException("not a JWT (expected header.payload.signature)");
        }
        JsonNode header = json(parts[0], "header");
        JsonNode claims = json(parts[1], "payload");
        if (algorithm != null) {
            String alg = header.path("alg").asText("");
            if (!algorithm.equals(alg)) {
                throw new InvalidTokenException("token alg is '" + alg + "', only " + algorithm + " is accepted");
            }
            byte[] signed = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
            if (!verifies(signed, decode(parts[2], "signature"))) {
                throw new InvalidTokenException("token signature does not verify");
            }
            long now = clock.instant().getEpochSecond();
            if (claims.has("exp") && now >= claims.get("exp").asLong()) {
                throw new InvalidTokenException("token expired");
            }
            if (claims.has("nbf") && now < claims.get("nbf").asLong()) {
                throw new InvalidTokenException("token not valid yet");
            }
        }
        JsonNode value = claims;
        for (String step : claimPath.split("\\.")) {
            value = value.path(step);
        }
        Set<String> groups = new LinkedHashSet<>();
        if (value.isTextual()) {
            groups.add(value.asText());
        } else if (value.isArray()) {
            value.forEach(v -> {
                if (v.isTextual()) {
                    groups.add(v.asText());
                }
            });
        }
        return groups;
    }

    /** The context with the token's groups added to those the application gave. */
    public AgentContext withGroups(AgentContext context, String token) throws InvalidTokenException {
        Set<String> all = new LinkedHashSet<>(context.groups());
        all.addAll(groups(token));
        return new AgentContext(context.principal(), context.agentId(), context.sessionId(), all);
    }

    private boolean verifies(byte[] signed, byte[] signature) throws InvalidTokenException {
        try {
            if (secret != null) {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret, "HmacSHA256"));
                return MessageDigest.isEqual(mac.doFinal(signed), signature);
            }
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(publicKey);
            verifier.update(signed);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            throw new InvalidTokenException("cannot verify token: " + e.getMessage());
        }
    }

    private static JsonNode json(String part, String what) throws InvalidTokenException {
        try {
            JsonNode node = JSON.readTree(decode(part, what));
            if (node == null || !node.isObject()) {
                throw new InvalidTokenException("token " + what + " is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new InvalidTokenException("token " + what + " is not JSON");
        }
    }

    private static byte[] decode(String part, String what) throws InvalidTokenException {
        try {
            return Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            throw new InvalidTokenException("token " + what + " is not base64url");
        }
    }

    /** A token whose groups must not be trusted. */
    public static final class InvalidTokenException extends Exception {
        public InvalidTokenException(String message) {
            super(message);
        }
    }
}
