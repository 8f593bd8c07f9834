package dev.klyo.javaagent.hooks;

import dev.klyo.javaagent.bootstrap.Gate;
import java.nio.file.Path;
import java.util.Set;

/**
 * NIO through the default file system provider, not {@code Files}: every {@code Files} method
 * and every library ends in these provider methods. Opens (byte, file and asynchronous
 * channels, so also streams, readers and writers) decide by their options; directory streams
 * list; copy, move, createDirectory, links, delete and attribute changes as named. A denial is
 * an {@code AccessDeniedException}, as NIO reports a permission error.
 */
public final class NioProviderHook implements JdkHook {

    private final String type;

    private NioProviderHook(String type) {
        this.type = type;
    }

    /** The provider's methods are declared across two classes; which one holds which varies by JDK. */
    public static NioProviderHook unixProvider() {
        return new NioProviderHook("sun/nio/fs/UnixFileSystemProvider");
    }

    public static NioProviderHook abstractProvider() {
        return new NioProviderHook("sun/nio/fs/AbstractFileSystemProvider");
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public boolean hooks(int access, String name, String descriptor) {
        return switch (name) {
            case "newByteChannel", "newFileChannel", "newAsynchronousFileChannel" ->
                    JdkHook.takesAt(descriptor, 1, Set.class);
            case "newDirectoryStream", "createDirectory", "createSymbolicLink", "createLink" -> true;
            case "copy", "move", "delete", "deleteIfExists", "setAttribute" -> JdkHook.takesAt(descriptor, 0, Path.class);
            case "getFileAttributeView" -> JdkHook.takesAt(descriptor, 1, Class.class);
            default -> false;
        };
    }

    @Override
    public void onEnter(Code code) {
        switch (code.name()) {
            // On some JDKs (25) newByteChannel opens through newFileChannel: one decision per open.
            case "newByteChannel", "newFileChannel", "newAsynchronousFileChannel" ->
                    code.arg(0).arg(1).gate("open", Object.class, Set.class).holding(Gate.FILE_OPEN);
            case "newDirectoryStream" -> path(code, 0, Gate.LIST);
            case "copy" -> path(path(code, 0, Gate.READ), 1, Gate.COPY_TO);
            case "move" -> path(path(code, 0, Gate.MOVE_FROM), 1, Gate.COPY_TO);
            case "createDirectory" -> path(code, 0, Gate.CREATE);
            case "createSymbolicLink" -> code.arg(0).arg(1).gate("symbolicLink", Path.class, Path.class);
            case "createLink" -> path(path(code, 0, Gate.CREATE), 1, Gate.LINK);
            case "getFileAttributeView" -> code.arg(0).arg(1).gate("attributeView", Path.class, Class.class);
            case "setAttribute" -> path(code, 0, Gate.ATTRIBUTES);
            default -> path(code, 0, Gate.DELETE);
        }
    }

    private static Code path(Code code, int argument, int operation) {
        return code.arg(argument).constant(operation).gate("path", Object.class, int.class);
    }
}
