package dev.klyo.central;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.klyo.policy.PolicyLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyPair;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignedBundleTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<java.security.PublicKey> trusted = List.of(TestBundles.KEY.getPublic());

    @Test
    void signedBundleOpensToItsPolicies() throws Exception {
        byte[] bundle = TestBundles.signed("r1", TestBundles.toolPolicy("org", true),
                Map.of("payments", TestBundles.toolPolicy("payments", false)), TestBundles.KEY);
        PolicySet set = BundlePayload.decode(SignedBundle.open(bundle, trusted), "test", new PolicyLoader());
        assertThat(set.revision()).isEqualTo("r1");
        assertThat(set.policy().name()).isEqualTo("org");
        assertThat(set.teams()).containsOnlyKeys("payments");
    }

    @Test
    void aChangedPayloadNoLongerVerifies() throws Exception {
        ObjectNode env = (ObjectNode) JSON.readTree(TestBundles.signed("r1", true));
        String evil = new String(Base64.getDecoder().decode(env.get("payload").asText()), StandardCharsets.UTF_8)
                .replace("deny", "allow");
        env.put("payload", Base64.getEncoder().encodeToString(evil.getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> SignedBundle.open(JSON.writeValueAsBytes(env), trusted))
                .isInstanceOf(BundleException.class).hasMessageContaining("does not verify");
    }

    @Test
    void aBundleSignedByAnotherKeyIsRejectedNamingBothKeys() {
        byte[] bundle = TestBundles.signed("r1", TestBundles.toolPolicy("org", true), Map.of(), TestBundles.OTHER_KEY);
        assertThatThrownBy(() -> SignedBundle.open(bundle, trusted))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining(BundleKeys.keyId(TestBundles.OTHER_KEY.getPublic()))
                .hasMessageContaining(BundleKeys.keyId(TestBundles.KEY.getPublic()));
    }

    @Test
    void duringARotationEitherTrustedKeyVerifies() throws Exception {
        byte[] bundle = TestBundles.signed("r1", TestBundles.toolPolicy("org", true), Map.of(), TestBundles.OTHER_KEY);
        byte[] payload = SignedBundle.open(bundle, List.of(TestBundles.KEY.getPublic(), TestBundles.OTHER_KEY.getPublic()));
        assertThat(new String(payload, StandardCharsets.UTF_8)).contains("\"revision\" : \"r1\"");
    }

    @Test
    void unsignedMalformedAndForeignEnvelopesAreRejected() throws Exception {
        ObjectNode env = (ObjectNode) JSON.readTree(TestBundles.signed("r1", true));
        env.remove("signature");
        assertThatThrownBy(() -> SignedBundle.open(JSON.writeValueAsBytes(env), trusted)).hasMessageContaining("unsigned");
        assertThatThrownBy(() -> SignedBundle.open("version: 1\nname: x\n".getBytes(StandardCharsets.UTF_8), trusted))
                .hasMessageContaining("malformed");
        assertThatThrownBy(() -> SignedBundle.open("{\"format\":\"opa\"}".getBytes(StandardCharsets.UTF_8), trusted))
                .hasMessageContaining("format");
        assertThatThrownBy(() -> SignedBundle.open(new byte[] {(byte) 0xff, 0x00, 0x7b}, trusted))
                .isInstanceOf(BundleException.class);
    }

    @Test
    void aSignedButInvalidPolicyIsRejectedWithTheLoadersLocation() {
        byte[] bundle = TestBundles.signed("r1", "version: 1\nrules:\n  - id: x\n    effect: maybe\n", Map.of(), TestBundles.KEY);
        assertThatThrownBy(() -> BundlePayload.decode(SignedBundle.open(bundle, trusted), "u", new PolicyLoader()))
                .isInstanceOf(BundleException.class).hasMessageContaining("u#policy:4");
    }

    @Test
    void keysRoundTripThroughPemFilesAndThePrivateKeyIsOwnerOnly(@TempDir Path dir) throws Exception {
        KeyPair pair = BundleKeys.generate();
        BundleKeys.write(pair, dir.resolve("k.key"), dir.resolve("k.pub"));
        assertThat(Files.readString(dir.resolve("k.pub"))).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(Files.getPosixFilePermissions(dir.resolve("k.key")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        byte[] bundle = SignedBundle.seal("{\"policy\":\"\"}".getBytes(StandardCharsets.UTF_8),
                BundleKeys.readPrivate(dir.resolve("k.key")), pair.getPublic());
        assertThat(SignedBundle.open(bundle, List.of(BundleKeys.readPublic(dir.resolve("k.pub"))))).isNotEmpty();
        assertThat(BundleKeys.parsePublic(BundleKeys.base64(pair.getPublic()))).isEqualTo(pair.getPublic());
    }
}
