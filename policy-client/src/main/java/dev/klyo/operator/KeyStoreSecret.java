package dev.klyo.operator;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.UnrecoverableKeyException;
import java.util.Arrays;
import javax.crypto.SecretKey;

/**
 * A credential held as a secret entry of a Java keystore: PKCS12 (the JDK's default) or JCEKS,
 * written with {@code keytool -importpass} or {@code KeyStore.SecretKeyEntry}. JKS cannot hold
 * secret entries. The entry is protected by the keystore's own password (keytool's default, and
 * the only choice PKCS12 offers).
 *
 * <p>Messages name the file and the entry, never a value or a password: they end up on the
 * host's stderr.
 */
public final class KeyStoreSecret {

    private KeyStoreSecret() {
    }

    /** Loads the keystore; the type is recognised from the file's content. */
    public static KeyStore open(Path file, char[] password) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("keystore " + file + " does not exist");
        }
        try {
            return KeyStore.getInstance(file.toFile(), password);
        } catch (KeyStoreException e) {
            throw new IOException("keystore " + file + " is not a PKCS12 or JCEKS keystore");
        } catch (IOException e) {
            // Both formats report a wrong password as an IOException caused by UnrecoverableKeyException.
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new IOException("keystore " + file + ": wrong password");
            }
            throw new IOException("keystore " + file + " cannot be read: " + e.getClass().getSimpleName());
        } catch (GeneralSecurityException e) {
            throw new IOException("keystore " + file + " cannot be read: " + e.getClass().getSimpleName());
        }
    }

    /** The entry's value as UTF-8 text. */
    public static String read(KeyStore store, Path file, String alias, char[] password) throws IOException {
        KeyStore.Entry entry;
        try {
            entry = store.getEntry(alias, new KeyStore.PasswordProtection(password));
        } catch (UnrecoverableKeyException e) {
            throw new IOException("keystore " + file + ": entry '" + alias + "' cannot be opened with the keystore's"
                    + " password (an entry with a password of its own is not supported)");
        } catch (UnsupportedOperationException | GeneralSecurityException e) {
            throw new IOException("keystore " + file + ": entry '" + alias + "' cannot be read: "
                    + e.getClass().getSimpleName());
        }
        if (entry == null) {
            throw new IOException("keystore " + file + " has no entry '" + alias + "'");
        }
        if (!(entry instanceof KeyStore.SecretKeyEntry secret)) {
            throw new IOException("keystore " + file + ": entry '" + alias + "' is a "
                    + (entry instanceof KeyStore.PrivateKeyEntry ? "private key" : "certificate")
                    + ", not a secret (write one with keytool -importpass)");
        }
        SecretKey key = secret.getSecretKey();
        byte[] encoded = key.getEncoded();
        if (encoded == null || encoded.length == 0) {
            throw new IOException("keystore " + file + ": entry '" + alias + "' is empty");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(encoded)).toString();
        } catch (CharacterCodingException binary) {
            throw new IOException("keystore " + file + ": entry '" + alias + "' is binary key material, not text");
        } finally {
            Arrays.fill(encoded, (byte) 0);
        }
    }
}
