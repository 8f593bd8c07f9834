package dev.klyo.javaagent.hooks;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;
import static net.bytebuddy.matcher.ElementMatchers.takesNoArguments;

import dev.klyo.javaagent.bootstrap.Gate;
import java.io.File;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code java.io.File} operations that change or list the file system: delete, mkdir
 * (mkdirs calls it per directory), createNewFile, renameTo (a delete of the source and a
 * create of the target), the private {@code normalizedList} behind every {@code list} and
 * {@code listFiles}, and the attribute setters. A denial is a {@code SecurityException}
 * ({@code KlyoDeniedException}), as the SecurityManager threw from the same methods.
 */
public final class FileMethodsHook implements Hook {

    @Override
    public List<String> typeNames() {
        return List.of("java.io.File");
    }

    @Override
    public List<Advised> advice() {
        return List.of(
                Advised.of(named("delete").and(takesNoArguments()), Delete.class),
                Advised.of(namedOneOf("mkdir", "createNewFile").and(takesNoArguments()), Create.class),
                Advised.of(named("normalizedList").and(takesNoArguments()), ListNames.class),
                Advised.of(named("renameTo").and(takesArguments(File.class)), Rename.class),
                Advised.of(named("setLastModified").or(named("setReadOnly"))
                        .or(namedOneOf("setWritable", "setReadable", "setExecutable").and(takesArguments(2))),
                        Attributes.class));
    }

    public static final class Delete {
        @Advice.OnMethodEnter
        static void enter(@Advice.This File file) {
            Gate.file(file, Gate.DELETE);
        }
    }

    public static final class Create {
        @Advice.OnMethodEnter
        static void enter(@Advice.This File file) {
            Gate.file(file, Gate.CREATE);
        }
    }

    public static final class ListNames {
        @Advice.OnMethodEnter
        static void enter(@Advice.This File file) {
            Gate.file(file, Gate.LIST);
        }
    }

    public static final class Rename {
        @Advice.OnMethodEnter
        static void enter(@Advice.This File file, @Advice.Argument(0) File target) {
            Gate.file(file, Gate.DELETE);
            if (target != null) {
                Gate.file(target, Gate.CREATE);
            }
        }
    }

    public static final class Attributes {
        @Advice.OnMethodEnter
        static void enter(@Advice.This File file) {
            Gate.file(file, Gate.ATTRIBUTES);
        }
    }
}
