package dev.klyo.javaagent.hooks;

import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;

import java.util.List;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * One instrumentation: which types, which methods, which advice. Advice classes are static
 * nested classes inlined into the hooked methods; they may reference only JDK classes, the
 * hooked library's classes and {@code dev.klyo.javaagent.bootstrap}.
 */
public interface Hook {

    /** The exact class names hooked. JDK ones are loaded before the hooks are installed (see Hooks). */
    List<String> typeNames();

    default ElementMatcher<? super TypeDescription> type() {
        return namedOneOf(typeNames().toArray(new String[0]));
    }

    List<Advised> advice();

    record Advised(ElementMatcher<? super MethodDescription> methods, String adviceClass) {

        public static Advised of(ElementMatcher<? super MethodDescription> methods, Class<?> advice) {
            return new Advised(methods, advice.getName());
        }
    }
}
