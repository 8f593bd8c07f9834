package dev.klyo.javaagent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.klyo.policy.PolicyError;
import dev.klyo.policy.PolicyException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The secrets file: every source, and every way it can be wrong, reported located and all or nothing. */
class SecretBindingsTest {

    static final String OPENAI = "sk-proj-Q7rTz2LmX9vB4nKp8WcY3hJd6FgS1aE5uR0oI";
    static final String GITHUB = "ghp_JFsqX2kC3E3iO6bftOZ1lIJMF7RvwVs2qEKb";
    static final String PARTNER = "partner-token-9f8e7d6c5b4a";
    static final String STORE_PASSWORD = "keystore-pass-0815";

    @TempDir
    Path dir;

    private final Map<String, String> environment = new java.util.HashMap<>();

    private UnaryOperator<String> env() {
        return environment::get;
    }

    private Path keystore(String type, String alias, String value) throws Exception {
        KeyStore store = KeyStore.getInstance(type);
        store.load(null, null);
        store.setEntry(alias, new KeyStore.SecretKeyEntry(SecretKeyFactory.getInstance("PBE")
                        .generateSecret(new PBEKeySpec(value.toCharArray()))),
                new KeyStore.PasswordProtection(STORE_PASSWORD.toCharArray()));
        Path file = dir.resolve("credentials." + type.toLowerCase());
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, STORE_PASSWORD.toCharArray());
        }
        return file;
    }

    private Path secrets(String yaml) throws Exception {
        return Files.writeString(dir.resolve("secrets.yaml"), yaml);
    }

    private SecretBindings load(Path file) throws PolicyException {
        return SecretBindings.load(file, env(), Set.of("aws-access-key", "github-token")::contains);
    }

    private List<PolicyError> errors(Path file) {
        try {
            load(file);
        } catch (PolicyException e) {
            return e.errors();
        }
        throw new AssertionError("loaded");
    }

    @Test
    void readsEverySource() throws Exception {
        environment.put("OPENAI_API_KEY", OPENAI);
        environment.put("KLYO_SECRETS_DIR", Files.createDirectories(dir.resolve("store")).toString());
        Files.writeString(dir.resolve("store/github"), GITHUB + "\n");
        Path keystore = keystore("PKCS12", "partner-api", PARTNER);
        Path password = Files.writeString(dir.resolve("keystore.pass"), STORE_PASSWORD + "\n");
        Path file = Files.writeString(dir.resolve("internal.token"), "internal-42\r\n");
        SecretBindings bindings = load(secrets("""
                secrets:
                  - name: openai
                    from: env:OPENAI_API_KEY
                    hosts: [api.openai.com]
                  - name: github
                    from: store:github
                    hosts: [api.github.com, "*.githubusercontent.com"]
                  - name: partner
                    from: keystore:%s#partner-api
                    password: file:%s
                    hosts: [api.partner.test]
                  - name: internal
                    from: file:%s
                    hosts: [10.0.0.0/8]
                exfiltration:
                  detectors: [aws-access-key]
                  hosts: [api.github.com]
                """.formatted(keystore, password, file)));

        assertThat(bindings.secrets()).extracting(SecretBindings.Secret::value)
                .containsExactly(OPENAI, GITHUB, PARTNER, "internal-42");
        SecretBindings.Secret partner = bindings.secrets().get(2);
        assertThat(partner.placeholder()).isEqualTo("klyo-secret:partner");
        assertThat(partner.boundTo("API.partner.test")).isTrue();
        assertThat(partner.boundTo("api.openai.com")).isFalse();
        assertThat(bindings.secrets().get(1).boundTo("raw.githubusercontent.com")).isTrue();
        assertThat(bindings.secrets().get(3).boundTo("10.1.2.3")).isTrue();
        assertThat(bindings.exfiltrationDetectors()).containsExactly("aws-access-key");
        assertThat(bindings.exfiltrationApproved("api.github.com")).isTrue();
        assertThat(bindings.exfiltrationApproved("evil.test")).isFalse();
    }

    @Test
    void aJceksKeystoreWithItsPasswordInTheEnvironmentAndTwoEntries() throws Exception {
        Path keystore = keystore("JCEKS", "a", PARTNER);
        environment.put("KS_PASS", STORE_PASSWORD);
        SecretBindings bindings = load(secrets("""
                secrets:
                  - {name: a, from: "keystore:%1$s#a", password: "env:KS_PASS", hosts: [a.test]}
                  - {name: b, from: "keystore:%1$s#a", password: "env:KS_PASS", hosts: [b.test]}
                """.formatted(keystore)));
        assertThat(bindings.secrets()).extracting(SecretBindings.Secret::value).containsExactly(PARTNER, PARTNER);
    }

    @Test
    void neitherToStringCarriesAValue() throws Exception {
        environment.put("OPENAI_API_KEY", OPENAI);
        SecretBindings bindings = load(secrets("secrets: [{name: openai, from: 'env:OPENAI_API_KEY', hosts: [a.test]}]"));
        assertThat(bindings.toString()).contains("klyo-secret:openai").doesNotContain(OPENAI);
        assertThat(bindings.secrets().get(0).toString()).contains("klyo-secret:openai").doesNotContain(OPENAI);
    }

    @Test
    void anUnsetVariableIsLocatedAndNothingIsLoaded() throws Exception {
        environment.put("OPENAI_API_KEY", OPENAI);
        Path file = secrets("""
                secrets:
                  - name: openai
                    from: env:OPENAI_API_KEY
                    hosts: [api.openai.com]
                  - name: github
                    from: env:GITHUB_TOKEN
                    hosts: [api.github.com]
                """);
        assertThat(errors(file)).containsExactly(
                new PolicyError(file.toString(), 6, 11, "secrets[1].from", "environment variable GITHUB_TOKEN is not set"));
    }

    @Test
    void malformedYamlIsLocated() throws Exception {
        Path file = secrets("secrets:\n  - name: openai\n    from: [env:X\n");
        List<PolicyError> errors = errors(file);
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).message()).startsWith("malformed YAML");
        assertThat(errors.get(0).line()).isEqualTo(4);
    }

    @Test
    void everyProblemIsReportedAtOnceWithItsKey() throws Exception {
        Path file = secrets("""
                secrets:
                  - name: openai
                    form: env:OPENAI_API_KEY
                    hosts: [api.openai.com]
                  - name: "bad name"
                    from: file:%s
                    hosts: []
                  - name: c
                    from: env:C
                    hosts: ["api.test:443"]
                exfiltration:
                  detectors: [aws-key]
                """.formatted(dir.resolve("missing.token")));
        assertThat(errors(file)).extracting(e -> e.line() + ":" + e.column() + " " + e.key() + ": " + e.message())
                .containsExactly(
                        "3:5 secrets[0].form: unknown key (did you mean 'from'?)",
                        "5:11 secrets[1].name: 'bad name' is not a secret name: use letters, digits, '.', '_' and '-'",
                        "7:12 secrets[1].hosts: name at least one host",
                        "6:11 secrets[1].from: file " + dir.resolve("missing.token") + " does not exist",
                        "10:12 secrets[2].hosts: 'api.test:443' has a port; hosts take none, list it under 'ports:'",
                        "9:11 secrets[2].from: environment variable C is not set",
                        "12:14 exfiltration.detectors: no detector 'aws-key' (built-in ids are in docs/detectors.md;"
                                + " the policy may declare more)");
    }

    @Test
    void keystoreProblemsAreLocatedWithoutAnyValueOrPassword() throws Exception {
        Path keystore = keystore("PKCS12", "partner-api", PARTNER);
        Path wrong = Files.writeString(dir.resolve("wrong.pass"), "guess");
        Path right = Files.writeString(dir.resolve("right.pass"), STORE_PASSWORD);
        Path file = secrets("""
                secrets:
                  - name: a
                    from: keystore:%1$s#partner-api
                    password: file:%2$s
                    hosts: [a.test]
                  - name: b
                    from: keystore:%1$s#missing
                    password: file:%3$s
                    hosts: [b.test]
                  - name: c
                    from: keystore:%1$s#partner-api
                    password: %4$s
                    hosts: [c.test]
                  - name: d
                    from: keystore:%1$s#partner-api
                    hosts: [d.test]
                  - name: e
                    from: keystore:%1$s
                    password: file:%3$s
                    hosts: [e.test]
                  - name: f
                    from: %5$s
                    hosts: [f.test]
                """.formatted(keystore, wrong, right, STORE_PASSWORD, PARTNER));
        List<PolicyError> errors = errors(file);
        assertThat(errors).extracting(e -> e.line() + " " + e.key() + ": " + e.message()).containsExactly(
                "3 secrets[0].from: keystore " + keystore + ": wrong password",
                "7 secrets[1].from: keystore " + keystore + " has no entry 'missing'",
                "12 secrets[2].password: name where the keystore password is read (env:VAR, file:PATH or store:NAME);"
                        + " the password itself is never written here",
                "15 secrets[3].password: missing: a keystore: source needs password: env:VAR or file:PATH"
                        + " (never the password itself)",
                "18 secrets[4].from: write keystore:PATH#ALIAS, the entry's alias after '#'",
                "22 secrets[5].from: a source is env:VAR, file:PATH, store:NAME or keystore:PATH#ALIAS"
                        + " (the value itself is never written here)");
        assertThat(errors.toString()).doesNotContain(STORE_PASSWORD).doesNotContain(PARTNER);
    }

    @Test
    void anEmptyOrUnreadableFileIsAnError() throws Exception {
        Path empty = secrets("");
        assertThat(errors(empty)).extracting(PolicyError::toString)
                .containsExactly(empty + ":1:1: the secrets file is empty");
        Path missing = dir.resolve("nope.yaml");
        assertThat(errors(missing)).extracting(PolicyError::toString)
                .containsExactly(missing + ":1:1: " + missing + " does not exist");
        Path emptyValue = Files.writeString(dir.resolve("empty.token"), "\n");
        Path file = secrets("secrets: [{name: x, from: 'file:%s', hosts: [x.test]}]".formatted(emptyValue));
        assertThat(errors(file)).extracting(PolicyError::message).containsExactly("file:" + emptyValue + " is empty");
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isNotEmpty();
    }

    @Test
    void aPasswordOnlyGoesWithAKeystoreAndNamesMustBeUnique() throws Exception {
        environment.put("X", "value-x");
        Path file = secrets("""
                secrets:
                  - {name: x, from: "env:X", password: "env:X", hosts: [x.test]}
                  - {name: y, from: "env:X", hosts: [y.test]}
                  - {name: y, from: "env:X", hosts: [z.test]}
                """);
        assertThatThrownBy(() -> load(file)).isInstanceOf(PolicyException.class)
                .hasMessage(file + ":2:40: secrets[0].password: only a keystore: source takes a password\n"
                        + file + ":4:5: secrets[2].name: another secret is named 'y' already");
    }
}
