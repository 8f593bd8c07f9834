package dev.klyo.javaagent.hooks;

import dev.klyo.javaagent.bootstrap.Gate;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * The code a {@link JdkHook} adds at the start of a method, written as a fluent sequence of
 * loads and static calls. Calls are resolved by reflection when the hook is applied, so a
 * misspelt gate method fails at start-up, not inside a JDK class.
 */
public final class Code {

    private final MethodVisitor method;
    private final String owner;
    private final String name;
    private final String descriptor;
    private final boolean isStatic;
    private final boolean constructor;
    private final Type[] arguments;
    private int family;

    public Code(MethodVisitor method, String owner, int access, String name, String descriptor) {
        this.method = method;
        this.owner = owner;
        this.name = name;
        this.descriptor = descriptor;
        this.isStatic = (access & Opcodes.ACC_STATIC) != 0;
        this.constructor = name.equals("<init>");
        this.arguments = Type.getArgumentTypes(descriptor);
    }

    /** The hooked method's name: for hooks that add different code to different methods. */
    public String name() {
        return name;
    }

    public int arity() {
        return arguments.length;
    }

    /** True when the hooked method takes exactly these parameters. */
    public boolean takes(Class<?>... parameters) {
        return JdkHook.takes(descriptor, parameters);
    }

    /**
     * The hooked method holds a call-depth family ({@code Gate.UDP}, {@code Gate.FILE_OPEN}) while
     * it runs, for APIs whose hooked methods call each other: {@code Gate.exit(family)} then runs
     * on every way out, return or throw.
     */
    public Code holding(int callDepthFamily) {
        if (constructor) {
            throw new IllegalStateException("a constructor cannot hold a call-depth family");
        }
        this.family = callDepthFamily;
        return this;
    }

    /** The family set by {@link #holding}, or 0. */
    public int family() {
        return family;
    }

    /** {@code this}. */
    public Code self() {
        method.visitVarInsn(Opcodes.ALOAD, 0);
        return this;
    }

    public Code arg(int index) {
        method.visitVarInsn(arguments[index].getOpcode(Opcodes.ILOAD), slot(index));
        return this;
    }

    /** Replaces argument {@code index} with the reference on top of the stack, cast to its type. */
    public Code storeArg(int index) {
        method.visitTypeInsn(Opcodes.CHECKCAST, arguments[index].getInternalName());
        method.visitVarInsn(Opcodes.ASTORE, slot(index));
        return this;
    }

    public Code constant(int value) {
        method.visitLdcInsn(value);
        return this;
    }

    public Code constant(boolean value) {
        method.visitInsn(value ? Opcodes.ICONST_1 : Opcodes.ICONST_0);
        return this;
    }

    public Code nothing() {
        method.visitInsn(Opcodes.ACONST_NULL);
        return this;
    }

    /** A field of {@code this}, declared by the hooked class. */
    public Code field(String name, Class<?> type) {
        self();
        method.visitFieldInsn(Opcodes.GETFIELD, owner, name, Type.getDescriptor(type));
        return this;
    }

    public Code dup() {
        method.visitInsn(Opcodes.DUP);
        return this;
    }

    public Code pop() {
        method.visitInsn(Opcodes.POP);
        return this;
    }

    /** Calls a public static {@link Gate} method. */
    public Code gate(String name, Class<?>... parameters) {
        return call(Gate.class, name, parameters);
    }

    /** Calls a public static method of a JDK or bootstrap class. */
    public Code call(Class<?> type, String name, Class<?>... parameters) {
        Method target;
        try {
            target = type.getMethod(name, parameters);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("hook calls a missing method " + type.getName() + "." + name, e);
        }
        if (!Modifier.isStatic(target.getModifiers())) {
            throw new IllegalStateException("hook calls " + target + ", which is not static");
        }
        method.visitMethodInsn(Opcodes.INVOKESTATIC, Type.getInternalName(type), name,
                Type.getMethodDescriptor(target), type.isInterface());
        return this;
    }

    /**
     * Returns the reference on top of the stack from the hooked method unless it is a
     * {@code type}; otherwise leaves it there and goes on. The one branch a hook may take.
     */
    public Code returnUnless(Class<?> type, Class<?> returned) {
        if (constructor) {
            throw new IllegalStateException("a constructor cannot return early");
        }
        Label proceed = new Label();
        method.visitInsn(Opcodes.DUP);
        method.visitTypeInsn(Opcodes.INSTANCEOF, Type.getInternalName(type));
        method.visitJumpInsn(Opcodes.IFNE, proceed);
        method.visitTypeInsn(Opcodes.CHECKCAST, Type.getInternalName(returned));
        method.visitInsn(Opcodes.ARETURN);
        method.visitLabel(proceed);
        method.visitFrame(Opcodes.F_NEW, entryLocals().length, entryLocals(), 1, new Object[] {"java/lang/Object"});
        return this;
    }

    /** The local variable types on entry, as stack map frames spell them. */
    public Object[] entryLocals() {
        int receiver = isStatic ? 0 : 1;
        Object[] locals = new Object[receiver + arguments.length];
        if (!isStatic) {
            locals[0] = constructor ? Opcodes.UNINITIALIZED_THIS : owner;
        }
        for (int i = 0; i < arguments.length; i++) {
            locals[receiver + i] = frameType(arguments[i]);
        }
        return locals;
    }

    private static Object frameType(Type type) {
        switch (type.getSort()) {
            case Type.BOOLEAN: case Type.BYTE: case Type.CHAR: case Type.SHORT: case Type.INT:
                return Opcodes.INTEGER;
            case Type.FLOAT:
                return Opcodes.FLOAT;
            case Type.LONG:
                return Opcodes.LONG;
            case Type.DOUBLE:
                return Opcodes.DOUBLE;
            default:
                return type.getInternalName();
        }
    }

    private int slot(int index) {
        int slot = isStatic ? 0 : 1;
        for (int i = 0; i < index; i++) {
            slot += arguments[i].getSize();
        }
        return slot;
    }
}
