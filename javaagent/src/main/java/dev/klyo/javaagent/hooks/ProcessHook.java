package dev.klyo.javaagent.hooks;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;

import dev.klyo.javaagent.bootstrap.Gate;
import java.io.IOException;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Every process start: {@code ProcessBuilder.start}, {@code Runtime.exec} and pipelines all
 * pass through the static {@code java.lang.ProcessImpl.start}, which already declares
 * {@code IOException}. Asks: process start with the full command line and directory.
 */
public final class ProcessHook implements Hook {

    @Override
    public List<String> typeNames() {
        return List.of("java.lang.ProcessImpl");
    }

    @Override
    public List<Advised> advice() {
        return List.of(Advised.of(named("start").and(isStatic()), Start.class));
    }

    public static final class Start {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) String[] command, @Advice.Argument(2) String directory)
                throws IOException {
            Gate.process(command, directory);
        }
    }
}
