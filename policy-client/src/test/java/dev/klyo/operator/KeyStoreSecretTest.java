package dev.klyo.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real keystores written in a temporary directory, with the JDK's API and with keytool. */
class KeyStoreSecretTest {

    static final String VALUE = "sk-proj-Q7rTz2LmX9vB4nKp8WcY3hJd6FgS1aE5uR0oI";
    static final char[] PASSWORD = "store-pass-4711".toCharArray();

    @TempDir
    Path dir;

    /** A keystore of the given type with {@code openai} as a PBE secret, the way keytool -importpass stores one. */
    private Path keystore(String type) throws Exception {
        KeyStore store = KeyStore.getInstance(type);
        store.load(null, null);
        store.setEntry("openai", new KeyStore.SecretKeyEntry(SecretKeyFactory.getInstance("PBE")
                .generateSecret(new PBEKeySpec(VALUE.toCharArray()))), new KeyStore.PasswordProtection(PASSWORD));
        store.setEntry("aes", new KeyStore.SecretKeyEntry(new SecretKeySpec(new byte[] {(byte) 0xC3, 0x28, 1, 2}, "AES")),
                new KeyStore.PasswordProtection(PASSWORD));
        Path file = dir.resolve("credentials." + type.toLowerCase());
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, PASSWORD);
        }
        return file;
    }

    private static String read(Path file, String alias, char[] password) throws IOException {
        return KeyStoreSecret.read(KeyStoreSecret.open(file, password), file, alias, password);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PKCS12", "JCEKS"})
    void readsASecretEntryOfEitherFormat(String type) throws Exception {
        assertThat(read(keystore(type), "openai", PASSWORD)).isEqualTo(VALUE);
    }

    @Test
    void readsWhatKeytoolImportpassWrote() throws Exception {
        Path file = dir.resolve("keytool.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-importpass", "-alias", "github", "-keystore", file.toString(), "-storetype", "PKCS12",
                "-storepass", new String(PASSWORD)).redirectErrorStream(true).start();
        try (OutputStream in = keytool.getOutputStream()) {
            in.write((VALUE + "\n" + VALUE + "\n").getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(output).isZero();

        assertThat(read(file, "github", PASSWORD)).isEqualTo(VALUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PKCS12", "JCEKS"})
    void aWrongPasswordIsSaidSoWithoutThePassword(String type) throws Exception {
        Path file = keystore(type);
        assertThatThrownBy(() -> read(file, "openai", "guess".toCharArray()))
                .isInstanceOf(IOException.class).hasMessage("keystore " + file + ": wrong password");
    }

    @Test
    void aMissingEntryIsNamed() throws Exception {
        Path file = keystore("PKCS12");
        assertThatThrownBy(() -> read(file, "anthropic", PASSWORD))
                .hasMessage("keystore " + file + " has no entry 'anthropic'");
    }

    @Test
    void binaryKeyMaterialIsNotTakenForACredential() throws Exception {
        Path file = keystore("PKCS12");
        assertThatThrownBy(() -> read(file, "aes", PASSWORD)).hasMessageContaining("'aes' is binary key material");
    }

    @Test
    void aPrivateKeyIsNotASecret() throws Exception {
        Path file = dir.resolve("tls.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "tls", "-keyalg", "EC", "-dname", "CN=klyo.test", "-keystore", file.toString(),
                "-storetype", "PKCS12", "-storepass", new String(PASSWORD)).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(output).isZero();

        assertThatThrownBy(() -> read(file, "tls", PASSWORD)).hasMessageContaining("'tls' is a private key, not a secret");
    }

    @Test
    void aFileThatIsNoKeystoreOrIsMissingIsSaidSo() throws Exception {
        Path text = Files.writeString(dir.resolve("secrets.txt"), VALUE);
        assertThatThrownBy(() -> read(text, "openai", PASSWORD))
                .hasMessage("keystore " + text + " is not a PKCS12 or JCEKS keystore");
        Path missing = dir.resolve("missing.p12");
        assertThatThrownBy(() -> read(missing, "openai", PASSWORD))
                .hasMessage("keystore " + missing + " does not exist");
    }

    @Test
    void noMessageCarriesTheValueOrThePassword() throws Exception {
        Path file = keystore("PKCS12");
        for (String alias : List.of("anthropic", "aes")) {
            assertThatThrownBy(() -> read(file, alias, PASSWORD)).satisfies(e -> {
                assertThat(e.toString()).doesNotContain(VALUE).doesNotContain(new String(PASSWORD));
                assertThat(e.getCause()).isNull();
            });
        }
        assertThatThrownBy(() -> read(file, "openai", VALUE.toCharArray()))
                .satisfies(e -> assertThat(e.toString()).doesNotContain(VALUE));
    }
}
