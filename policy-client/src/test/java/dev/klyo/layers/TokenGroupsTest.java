package dev.klyo.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.klyo.action.AgentContext;
import dev.klyo.central.BundleKeys;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class TokenGroupsTest {

    private static final byte[] SECRET = "a-shared-secret-of-32-bytes-long".getBytes(StandardCharsets.UTF_8);
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    static String hs256(String header, String claims, byte[] secret) throws Exception {
        String signing = B64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        return signing + "." + B64.encodeToString(mac.doFinal(signing.getBytes(StandardCharsets.US_ASCII)));
    }

    static String eddsa(String claims, KeyPair key) throws Exception {
        String signing = B64.encodeToString("{\"alg\":\"EdDSA\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(key.getPrivate());
        s.update(signing.getBytes(StandardCharsets.US_ASCII));
        return signing + "." + B64.encodeToString(s.sign());
    }

    @Test
    void readsTheGroupsOfAVerifiedHs256Token() throws Exception {
        String token = hs256("{\"alg\":\"HS256\"}", "{\"sub\":\"alice\",\"groups\":[\"payments\",\"oncall\"]}", SECRET);
        assertThat(TokenGroups.hs256(SECRET, "groups").groups(token)).containsExactly("payments", "oncall");
        AgentContext ctx = TokenGroups.hs256(SECRET, "groups")
                .withGroups(new AgentContext("alice", "", "", Set.of("app-given")), token);
        assertThat(ctx.groups()).containsExactlyInAnyOrder("payments", "oncall", "app-given");
    }

    @Test
    void aTokenWhoseClaimsWereEditedToAddAGroupIsRefused() throws Exception {
        String token = hs256("{\"alg\":\"HS256\"}", "{\"groups\":[\"interns\"]}", SECRET);
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + B64.encodeToString("{\"groups\":[\"admins\"]}".getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
        assertThatThrownBy(() -> TokenGroups.hs256(SECRET, "groups").groups(forged)).hasMessageContaining("signature");
        // The unverified reader would believe it: it is only for tokens the application verified.
        assertThat(TokenGroups.unverified("groups").groups(forged)).containsExactly("admins");
    }

    @Test
    void algNoneAndAnotherSecretAreRefused() throws Exception {
        String none = B64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString("{\"groups\":[\"admins\"]}".getBytes(StandardCharsets.UTF_8)) + ".";
        assertThatThrownBy(() -> TokenGroups.hs256(SECRET, "groups").groups(none)).hasMessageContaining("alg");
        String other = hs256("{\"alg\":\"HS256\"}", "{\"groups\":[\"admins\"]}", "another-secret".getBytes());
        assertThatThrownBy(() -> TokenGroups.hs256(SECRET, "groups").groups(other)).hasMessageContaining("signature");
    }

    @Test
    void readsAnEd25519TokenAndANestedClaim() throws Exception {
        KeyPair key = BundleKeys.generate();
        String token = eddsa("{\"realm_access\":{\"roles\":[\"payments\"]}}", key);
        assertThat(TokenGroups.ed25519(key.getPublic(), "realm_access.roles").groups(token)).containsExactly("payments");
        assertThatThrownBy(() -> TokenGroups.ed25519(BundleKeys.generate().getPublic(), "groups").groups(token))
                .hasMessageContaining("signature");
    }

    @Test
    void expiredAndNotYetValidTokensAreRefused() throws Exception {
        String token = hs256("{\"alg\":\"HS256\"}", "{\"groups\":\"payments\",\"nbf\":1000,\"exp\":2000}", SECRET);
        TokenGroups at = TokenGroups.hs256(SECRET, "groups");
        assertThat(at.withClock(Clock.fixed(Instant.ofEpochSecond(1500), ZoneOffset.UTC)).groups(token))
                .containsExactly("payments");
        assertThatThrownBy(() -> at.withClock(Clock.fixed(Instant.ofEpochSecond(2000), ZoneOffset.UTC)).groups(token))
                .hasMessageContaining("expired");
        assertThatThrownBy(() -> at.withClock(Clock.fixed(Instant.ofEpochSecond(999), ZoneOffset.UTC)).groups(token))
                .hasMessageContaining("not valid yet");
    }

    @Test
    void garbageIsNotAToken() {
        assertThatThrownBy(() -> TokenGroups.unverified("groups").groups("abc")).hasMessageContaining("not a JWT");
        assertThatThrownBy(() -> TokenGroups.unverified("groups").groups("a.b.c")).isInstanceOf(
                TokenGroups.InvalidTokenException.class);
    }
}
