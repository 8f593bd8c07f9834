package dev.klyo.javaagent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.klyo.javaagent.bootstrap.Gate;
import dev.klyo.javaagent.hooks.JdkHook;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;
import org.junit.jupiter.api.Test;

/**
 * The JDK hooks against the class files of the JDK running the test (CI runs it on 17 and 25):
 * every hook finds its methods, and each hooked method now calls into the bootstrap gate before
 * anything else. Whether the rewritten classes verify and behave is what the forked-JVM tests
 * check, with bytecode verification of JDK classes turned on.
 */
class JdkClassHooksTest {

    private static final String BOOTSTRAP = Type.getInternalName(Gate.class).replace("Gate", "");

    @Test
    void everyHookFindsItsMethodsOnThisJdk() throws IOException {
        List<String> errors = new ArrayList<>();
        JdkClassHooks hooks = new JdkClassHooks(Hooks.JDK, errors::add);
        for (String type : types()) {
            assertNotNull(hooks.rewrite(type, classFile(type)), type);
        }
        assertEquals(List.of(), errors);
    }

    @Test
    void hookedMethodsCallTheGateFirst() throws IOException {
        JdkClassHooks hooks = new JdkClassHooks(Hooks.JDK, error -> { });
        Map<String, String> firstCalls = new TreeMap<>();
        for (String type : types()) {
            firstCalls.putAll(firstCalls(type, hooks.rewrite(type, classFile(type))));
        }
        // A few that every JDK must have, with the gate method each one asks.
        assertEquals("Gate.connect", firstCalls.get("java/net/Socket.connect(Ljava/net/SocketAddress;I)V"));
        assertEquals("Gate.stream", firstCalls.get("java/io/FileInputStream.<init>(Ljava/io/File;)V"));
        assertEquals("Gate.dns", firstCalls.get("java/net/InetAddress.getAllByName(Ljava/lang/String;)[Ljava/net/InetAddress;"));
        assertEquals("Gate.file", firstCalls.get("java/io/File.delete()Z"));
        assertEquals("Gate.rename", firstCalls.get("java/io/File.renameTo(Ljava/io/File;)Z"));
        assertTrue(firstCalls.keySet().stream().anyMatch(m -> m.startsWith("java/lang/ProcessImpl.start(")),
                firstCalls.keySet().toString());
        assertTrue(firstCalls.keySet().stream().anyMatch(m -> m.startsWith("jdk/internal/net/http/HttpClientImpl.sendAsync(")));
        // Every hooked method's first call goes to the bootstrap package (the gate or its helpers).
        for (Map.Entry<String, String> call : firstCalls.entrySet()) {
            assertTrue(call.getValue().startsWith("Gate.") || call.getValue().startsWith("HttpUrlConnectionWire.")
                    || call.getValue().startsWith("JdkHttpSend.") || call.getValue().equals("MethodHandles.lookup"),
                    call.toString());
        }
    }

    @Test
    void aClassWithoutHooksIsLeftAlone() throws IOException {
        JdkClassHooks hooks = new JdkClassHooks(Hooks.JDK, error -> { });
        assertEquals(null, hooks.rewrite("java/lang/String", classFile("java/lang/String")));
    }

    @Test
    void aHookThatFindsNothingIsReported() throws IOException {
        List<String> errors = new ArrayList<>();
        JdkHook missing = new JdkHook() {
            @Override
            public String type() {
                return "java/net/Socket";
            }

            @Override
            public boolean hooks(int access, String name, String descriptor) {
                return name.equals("connectWithTelepathy");
            }

            @Override
            public void onEnter(dev.klyo.javaagent.hooks.Code code) {
            }
        };
        new JdkClassHooks(List.of(missing), errors::add).rewrite("java/net/Socket", classFile("java/net/Socket"));
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).contains("found nothing to hook in java.net.Socket"), errors.get(0));
    }

    private static Set<String> types() {
        Set<String> types = new LinkedHashSet<>();
        Hooks.JDK.forEach(h -> types.add(h.type()));
        return types;
    }

    private static byte[] classFile(String type) throws IOException {
        try (InputStream in = ClassLoader.getSystemResourceAsStream(type + ".class")) {
            assertNotNull(in, type);
            return in.readAllBytes();
        }
    }

    /** Per method whose first method call targets the bootstrap package: that call, as Owner.name. */
    private static Map<String, String> firstCalls(String type, byte[] bytes) {
        Map<String, String> calls = new TreeMap<>();
        new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    private boolean first = true;

                    @Override
                    public void visitMethodInsn(int opcode, String owner, String callee, String desc, boolean itf) {
                        if (first) {
                            first = false;
                            if (owner.startsWith(BOOTSTRAP) || owner.equals("java/lang/invoke/MethodHandles")
                                    && callee.equals("lookup")) {
                                calls.put(type + "." + name + descriptor,
                                        owner.substring(owner.lastIndexOf('/') + 1) + "." + callee);
                            }
                        }
                    }
                };
            }
        }, 0);
        return calls;
    }
}
