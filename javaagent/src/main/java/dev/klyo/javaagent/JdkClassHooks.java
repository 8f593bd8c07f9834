package dev.klyo.javaagent;

import dev.klyo.javaagent.bootstrap.Gate;
import dev.klyo.javaagent.hooks.Code;
import dev.klyo.javaagent.hooks.JdkHook;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Applies {@link JdkHook}s to a JDK class's bytes with ASM alone. Nothing about the class's shape
 * changes (no field, method or signature is added), so retransforming an already loaded class is
 * allowed and other agents' changes survive. Frames are kept as the class file has them: the
 * added code is a straight line at method entry, plus, for hooks with an exit family, a catch-all
 * handler appended after the method's own handlers (so it never takes their exceptions first).
 */
final class JdkClassHooks {

    private static final String GATE = Type.getInternalName(Gate.class);

    private final Map<String, List<JdkHook>> byType = new HashMap<>();
    private final Map<String, Rewritten> prepared = new ConcurrentHashMap<>();
    private final Consumer<String> errors;

    /** @param errors where a hook that finds nothing to hook is reported */
    JdkClassHooks(List<JdkHook> hooks, Consumer<String> errors) {
        for (JdkHook hook : hooks) {
            byType.computeIfAbsent(hook.type(), t -> new ArrayList<>()).add(hook);
        }
        this.errors = errors;
    }

    /**
     * Rewrites these classes ahead of their retransformation, from the class files the runtime
     * image holds. The transformation is handed the same bytes and then costs a comparison; bytes
     * that differ (another agent changed the class first) are rewritten as they come.
     */
    void prepare(List<Class<?>> types) {
        for (Class<?> type : types) {
            String name = type.getName().replace('.', '/');
            try (InputStream in = ClassLoader.getSystemResourceAsStream(name + ".class")) {
                if (in != null) {
                    byte[] original = in.readAllBytes();
                    prepared.put(name, new Rewritten(original, rewrite(name, original)));
                }
            } catch (IOException | RuntimeException e) {
                // Rewritten when the class is retransformed, and reported there if it fails again.
            }
        }
    }

    /** True when some hook applies to the class of this binary name ({@code java.net.Socket}). */
    boolean hooks(String className) {
        return byType.containsKey(className.replace('.', '/'));
    }

    /** The class with its hooks applied, or null when {@code type} has none. */
    byte[] rewrite(String type, byte[] bytes) {
        List<JdkHook> hooks = byType.get(type);
        if (hooks == null) {
            return null;
        }
        Rewritten ready = prepared.remove(type);
        if (ready != null && Arrays.equals(ready.original(), bytes)) {
            return ready.bytes();
        }
        ClassReader reader = new ClassReader(bytes);
        ClassWriter writer = new ClassWriter(reader, 0);
        Set<JdkHook> applied = new HashSet<>();
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                MethodVisitor method = super.visitMethod(access, name, descriptor, signature, exceptions);
                if ((access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) == 0) {
                    for (JdkHook hook : hooks) {
                        if (hook.hooks(access, name, descriptor)) {
                            applied.add(hook);
                            return new HookedMethod(method, type, access, name, descriptor, hook);
                        }
                    }
                }
                return method;
            }
        }, ClassReader.EXPAND_FRAMES);
        for (JdkHook hook : hooks) {
            if (!applied.contains(hook)) {
                // A JDK that renamed the method: say so loudly, the surface is not governed.
                errors.accept("[klyo] ERROR: " + hook.getClass().getSimpleName() + " found nothing to hook in "
                        + type.replace('/', '.') + " on this JDK (" + Runtime.version() + "); it is NOT governed");
            }
        }
        return writer.toByteArray();
    }

    private record Rewritten(byte[] original, byte[] bytes) {
    }

    /** One hooked method: the hook's entry code, and for an exit family the calls on every way out. */
    private static final class HookedMethod extends MethodVisitor {
        private final JdkHook hook;
        private final Code code;
        private final Label start = new Label();
        private int family;

        HookedMethod(MethodVisitor next, String owner, int access, String name, String descriptor, JdkHook hook) {
            super(Opcodes.ASM9, next);
            this.code = new Code(next, owner, access, name, descriptor);
            this.hook = hook;
        }

        @Override
        public void visitCode() {
            super.visitCode();
            hook.onEnter(code);
            family = code.family();
            if (family != 0) {
                super.visitLabel(start);
            }
        }

        @Override
        public void visitInsn(int opcode) {
            if (family != 0 && opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
                exit();
            }
            super.visitInsn(opcode);
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            if (family != 0) {
                Label end = new Label();
                Label handler = new Label();
                super.visitLabel(end);
                super.visitLabel(handler);
                Object[] locals = code.entryLocals();
                super.visitFrame(Opcodes.F_NEW, locals.length, locals, 1, new Object[] {"java/lang/Throwable"});
                exit();
                super.visitInsn(Opcodes.ATHROW);
                super.visitTryCatchBlock(start, end, handler, null);
            }
            // The added code needs at most a few slots more than the method at any point: a
            // return value under the exit call's argument, or an entry call's arguments.
            super.visitMaxs(maxStack + 8, maxLocals);
        }

        private void exit() {
            super.visitLdcInsn(family);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, GATE, "exit", "(I)V", false);
        }
    }
}
