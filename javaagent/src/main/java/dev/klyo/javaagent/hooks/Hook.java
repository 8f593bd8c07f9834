package dev.klyo.javaagent.hooks;

import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;

import java.util.List;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * One instrumentation of a library (HTTP client, tool executor, MCP client, JDBC driver), with
 * Byte Buddy advice: which types, which methods, which advice. Advice classes are static nested
 * classes inlined into the hooked methods; they may reference only JDK classes, the hooked
 * library's classes and {@code dev.klyo.javaagent.bootstrap}. JDK classes are hooked by
 * {@link JdkHook}s instead.
 */
public interface Hook {

    /** The exact class names hooked. */
    List<String> typeNames();

    default ElementMatcher<? super TypeDescription> type() {
        return namedOneOf(typeNames().toArray(new String[0]));
    }

    List<Advised> advice();

    /**
     * For hooks that match every implementation of a library type rather than classes by name:
     * that type. Null for hooks matching by name.
     */
    default String supertype() {
        return null;
    }

    /**
     * A resource whose presence on a class loader's path means the hooked library is there:
     * Byte Buddy is loaded at start-up when the application class loader sees one.
     */
    default String library() {
        return (supertype() != null ? supertype() : typeNames().get(0)).replace('.', '/') + ".class";
    }

    /**
     * Run for every class an application loads, before Byte Buddy is asked: cheap, and false only
     * when {@link #type()} cannot match. {@code librarySeen}: the class's loader sees {@link #library()};
     * any of its classes may then implement the {@link #supertype()}.
     */
    default boolean mayMatch(String className, boolean librarySeen) {
        return supertype() != null ? librarySeen : typeNames().contains(className);
    }

    record Advised(ElementMatcher<? super MethodDescription> methods, String adviceClass) {

        public static Advised of(ElementMatcher<? super MethodDescription> methods, Class<?> advice) {
            return new Advised(methods, advice.getName());
        }
    }
}
