package dev.klyo.javaagent.hooks;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;

import dev.klyo.javaagent.bootstrap.Gate;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.util.List;
import java.util.Set;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * NIO through the default file system provider, not {@code Files}: every {@code Files} method
 * and every library ends in these provider methods. Opens (byte, file and asynchronous
 * channels, so also streams, readers and writers) decide by their options; directory streams
 * list; copy, move, createDirectory, links, delete and attribute changes as named. A denial is
 * an {@code AccessDeniedException}, as NIO reports a permission error.
 */
public final class NioProviderHook implements Hook {

    @Override
    public List<String> typeNames() {
        return List.of("sun.nio.fs.UnixFileSystemProvider", "sun.nio.fs.AbstractFileSystemProvider");
    }

    @Override
    public List<Advised> advice() {
        return List.of(
                Advised.of(namedOneOf("newByteChannel", "newFileChannel", "newAsynchronousFileChannel")
                        .and(takesArgument(1, Set.class)), Open.class),
                Advised.of(named("newDirectoryStream"), ListDirectory.class),
                Advised.of(named("copy").and(takesArgument(0, Path.class)), Copy.class),
                Advised.of(named("move").and(takesArgument(0, Path.class)), Move.class),
                Advised.of(named("createDirectory"), CreateDirectory.class),
                Advised.of(named("createSymbolicLink"), SymbolicLink.class),
                Advised.of(named("createLink"), HardLink.class),
                Advised.of(namedOneOf("delete", "deleteIfExists").and(takesArgument(0, Path.class)), Delete.class),
                Advised.of(named("setAttribute").and(takesArgument(0, Path.class)), SetAttribute.class),
                Advised.of(named("getFileAttributeView").and(takesArgument(1, Class.class)), AttributeView.class));
    }

    /** On some JDKs (25) newByteChannel opens through newFileChannel: one decision per open. */
    public static final class Open {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) Path path, @Advice.Argument(1) Set<?> options) throws IOException {
            Gate.open(path, options);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit() {
            Gate.exit(Gate.FILE_OPEN);
        }
    }

    public static final class ListDirectory {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) Path dir) throws IOException {
            Gate.path(dir, Gate.LIST);
        }
    }

    public static final class Copy {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) Path source, @Advice.Argument(1) Path target) throws IOException {
            Gate.path(source, Gate.READ);
            Gate.path(target, Gate.CREATE);
        }
    }

    public static final class Move {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) Path source, @Advice.Argument(1) Path target) throws IOException {
            Gate.path(source, Gate.DELETE);
            Gate.path(target, Gate.CREATE);
        }
    }

    public static final class CreateDirectory {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) Path dir) throws IOException {
            Gate.path(dir, Gate.CREATE);
        }
    }

    public static final class SymbolicLink {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) Path link, @Advice.Argument(1) Path target) throws IOException {
            Gate.path(link, Gate.CREATE);
            Gate.path(link.resolveSibling(target), Gate.LINK);
        }
    }

    public static final class HardLink {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) Path link, @Advice.Argument(1) Path existing) throws IOException {
            Gate.path(link, Gate.CREATE);
            Gate.path(existing, Gate.LINK);
        }
    }

    public static final class Delete {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) Path path) throws IOException {
            Gate.path(path, Gate.DELETE);
        }
    }

    public static final class SetAttribute {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) Path path) throws IOException {
            Gate.path(path, Gate.ATTRIBUTES);
        }
    }

    /** Typed views exist to change attributes (permissions, owner, times); reading goes through readAttributes. */
    public static final class AttributeView {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) Path path, @Advice.Argument(1) Class<?> type) {
            if (type != BasicFileAttributeView.class) {
                Gate.file(path.toFile(), Gate.ATTRIBUTES);
            }
        }
    }
}
