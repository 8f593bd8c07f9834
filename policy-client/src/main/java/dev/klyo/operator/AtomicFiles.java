package dev.klyo.operator;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Replaces a file in one step: the new content is written beside it and moved over it, so a
 * reader (an agent hot-reloading its policy, say) sees the old file or the new one, never half
 * of each, and a failure leaves the old file as it was.
 */
final class AtomicFiles {

    private AtomicFiles() {
    }

    /**
     * Writes {@code content} to {@code target} (through a symbolic link to the file it names).
     *
     * @param permissions the new file's POSIX permissions, set when it is created so the content
     *                    is never readable more widely; null keeps an existing file's permissions,
     *                    and gives a new one rw-r--r--
     */
    static void write(Path target, byte[] content, Set<PosixFilePermission> permissions) throws IOException {
        Path file = Files.exists(target) ? target.toRealPath() : target.toAbsolutePath();
        Path dir = file.getParent();
        Files.createDirectories(dir);
        boolean posix = Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null;
        Set<PosixFilePermission> mode = permissions;
        if (mode == null && posix) {
            mode = Files.exists(file) ? Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS)
                    : PosixFilePermissions.fromString("rw-r--r--");
        }
        FileAttribute<?>[] attributes = mode != null && posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(mode)} : new FileAttribute<?>[0];
        Path temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp", attributes);
        try {
            Files.write(temp, content);
            if (mode != null && posix) {
                // createTempFile's attribute is filtered by the umask; set the exact mode.
                Files.setPosixFilePermissions(temp, mode);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
