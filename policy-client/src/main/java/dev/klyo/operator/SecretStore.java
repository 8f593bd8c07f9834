package dev.klyo.operator;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Credentials for injection, one file per secret under {@code ~/.config/klyo/secrets/} (or
 * {@code $KLYO_SECRETS_DIR}): the directory is 0700 and each file 0600, created with those
 * permissions so the value is never readable by others, not even for an instant. The files are
 * for Klyo's injection only: policies deny agents any access to {@code ~/.config/klyo/secrets/**},
 * so the agent's own code, tools and model cannot read a value it is only meant to use.
 */
public final class SecretStore {

    /** The default directory, relative to the home directory; the deny rule names it. */
    public static final String DEFAULT_DIR = ".config/klyo/secrets";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

    private final Path dir;

    public SecretStore(Path dir) {
        this.dir = dir;
    }

    /** The store the environment names: {@code $KLYO_SECRETS_DIR}, else {@code ~/.config/klyo/secrets}. */
    public static SecretStore fromEnvironment(UnaryOperator<String> env) {
        String configured = env.apply("KLYO_SECRETS_DIR");
        if (configured != null && !configured.isBlank()) {
            return new SecretStore(Path.of(configured));
        }
        String home = env.apply("HOME");
        return new SecretStore(Path.of(home == null || home.isBlank() ? System.getProperty("user.home") : home)
                .resolve(DEFAULT_DIR));
    }

    public Path dir() {
        return dir;
    }

    /** Whether a name can name a secret: letters, digits, '.', '_' and '-', so it is one plain file name. */
    public static boolean validName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    public Path file(String name) {
        if (!validName(name)) {
            throw new IllegalArgumentException("'" + name + "' is not a secret name: use letters, digits, '.', '_' and '-'");
        }
        return dir.resolve(name);
    }

    public void set(String name, byte[] value) throws IOException {
        Path file = file(name);
        boolean posix = createDirectory();
        AtomicFiles.write(file, value, posix ? OWNER_ONLY_FILE : null);
    }

    /** The value, or null when there is no such secret. */
    public byte[] read(String name) throws IOException {
        Path file = file(name);
        return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? Files.readAllBytes(file) : null;
    }

    public boolean remove(String name) throws IOException {
        return Files.deleteIfExists(file(name));
    }

    public List<String> names() throws IOException {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                String n = p.getFileName().toString();
                if (validName(n) && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    out.add(n);
                }
            }
        }
        out.sort(null);
        return out;
    }

    /** Creates the directory owner-only, or makes an existing one so; false where there are no POSIX permissions. */
    private boolean createDirectory() throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir.getParent());
            boolean posix = Files.getFileAttributeView(dir.getParent(), PosixFileAttributeView.class) != null;
            if (posix) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
            } else {
                Files.createDirectory(dir);
            }
        }
        boolean posix = Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null;
        if (posix) {
            Files.setPosixFilePermissions(dir, OWNER_ONLY_DIR);
        }
        return posix;
    }
}
