package dev.klyo.javaagent.hooks;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.klyo.javaagent.bootstrap.Gate;
import java.io.File;
import java.io.FileNotFoundException;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * java.io opens: the {@code File} constructors of {@code FileInputStream},
 * {@code FileOutputStream(File, boolean)} and {@code RandomAccessFile(File, String, boolean)},
 * which every other constructor (String names, FileReader, FileWriter, ZipFile) delegates to.
 * A denial is a {@code FileNotFoundException}, as the JDK reports an open the OS refuses.
 * Asks: file read or write on the canonical path.
 */
public final class FileStreamsHook implements Hook {

    @Override
    public List<String> typeNames() {
        return List.of("java.io.FileInputStream", "java.io.FileOutputStream", "java.io.RandomAccessFile");
    }

    @Override
    public List<Advised> advice() {
        return List.of(
                Advised.of(isConstructor().and(takesArguments(File.class))
                        .and(declaredBy("java.io.FileInputStream")), Read.class),
                Advised.of(isConstructor().and(takesArguments(File.class, boolean.class))
                        .and(declaredBy("java.io.FileOutputStream")), Write.class),
                Advised.of(isConstructor().and(takesArguments(File.class, String.class, boolean.class))
                        .and(declaredBy("java.io.RandomAccessFile")), Random.class));
    }

    private static ElementMatcher.Junction<net.bytebuddy.description.method.MethodDescription> declaredBy(String type) {
        return net.bytebuddy.matcher.ElementMatchers.isDeclaredBy(named(type));
    }

    public static final class Read {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) File file) throws FileNotFoundException {
            if (file != null) {
                Gate.stream(file, Gate.READ);
            }
        }
    }

    public static final class Write {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) File file) throws FileNotFoundException {
            if (file != null) {
                Gate.stream(file, Gate.WRITE);
            }
        }
    }

    public static final class Random {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) File file, @Advice.Argument(1) String mode) throws FileNotFoundException {
            if (file != null) {
                Gate.stream(file, mode != null && mode.indexOf('w') >= 0 ? Gate.WRITE : Gate.READ);
            }
        }
    }
}
