package dev.klyo.javaagent;

import java.io.File;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;

/**
 * Canonical paths for file rules: absolute, symbolic links resolved by the operating system
 * ({@code realpath}) as far as the path exists, then {@code .} and {@code ..} removed. Resolving
 * before collapsing matters: {@code /a/link/../b} is where the OS goes, not {@code /a/b}, and
 * {@code /proc/self/root/etc/x} is {@code /etc/x}.
 */
final class FilePaths {

    private FilePaths() {
    }

    /** The canonical path, or null for a path of another file system (zip, jrt): those are not files on disk. */
    static String canonical(Object file) throws IOException {
        if (file instanceof Path path) {
            if (path.getFileSystem() != FileSystems.getDefault()) {
                return null;
            }
            return path.toAbsolutePath().toFile().getCanonicalPath();
        }
        if (file instanceof File f) {
            return f.getCanonicalPath();
        }
        return new File(String.valueOf(file)).getCanonicalPath();
    }
}
