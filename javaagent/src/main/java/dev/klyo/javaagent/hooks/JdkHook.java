package dev.klyo.javaagent.hooks;

import java.util.Arrays;
import net.bytebuddy.jar.asm.Type;

/**
 * One instrumentation of a JDK class: which class, which of its declared methods, and the call
 * to the gate put at the start of each. Written as plain bytecode rather than Byte Buddy advice:
 * these classes are hooked while the JVM starts, and a few calls at method entry need none of
 * the machinery (type pools, method graphs, advice inlining) that costs Byte Buddy about a second
 * to load. The code a hook adds may reference only JDK classes and {@code dev.klyo.javaagent.bootstrap}.
 */
public interface JdkHook {

    /** The hooked class, internal name ({@code java/net/Socket}). */
    String type();

    /** True for each declared method to hook. A hook that finds none in its class is reported. */
    boolean hooks(int access, String name, String descriptor);

    /** The code run first in a hooked method: it asks the gate, which throws the denial. */
    void onEnter(Code code);

    /** True when {@code descriptor} takes exactly these parameters. */
    static boolean takes(String descriptor, Class<?>... parameters) {
        return Arrays.equals(Type.getArgumentTypes(descriptor),
                Arrays.stream(parameters).map(Type::getType).toArray(Type[]::new));
    }

    static int arity(String descriptor) {
        return Type.getArgumentTypes(descriptor).length;
    }

    /** True when parameter {@code index} exists and is of type {@code parameter}. */
    static boolean takesAt(String descriptor, int index, Class<?> parameter) {
        Type[] arguments = Type.getArgumentTypes(descriptor);
        return index < arguments.length && arguments[index].equals(Type.getType(parameter));
    }
}
