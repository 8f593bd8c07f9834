package dev.klyo.javaagent.bootstrap;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one class advice calls. It is injected into the bootstrap class loader because advice
 * inlined into JDK classes can see nothing else. It hands each action to the {@link Decider}
 * and turns a denial into the exception the hooked method's callers expect.
 *
 * <p>Re-entrancy: while Klyo itself decides on a thread (reading the policy, canonicalising a
 * path, loading a class, writing audit events), hooks firing on that thread pass through, so
 * Klyo never intercepts or deadlocks on its own I/O. That state is private to this class and
 * only raised around a call into the decider; Klyo's own threads are fixed once at install.
 * Nothing public turns checks off.
 *
 * <p>No fail-open window: hooks are installed only after {@link #install} has set the decider.
 * If deciding itself throws, the action is denied unless fail-open was configured.
 */
public final class Gate {

    /** File operations, in the order of {@code dev.klyo.action.FileOperation}. */
    public static final int READ = 0;
    public static final int WRITE = 1;
    public static final int CREATE = 2;
    public static final int DELETE = 3;
    public static final int LIST = 4;
    public static final int LINK = 5;
    public static final int ATTRIBUTES = 6;

    /** Call-depth families, for APIs whose public methods call each other (one decision per call). */
    public static final int HTTP_CLIENT = 1;
    public static final int UDP = 2;
    public static final int APACHE = 3;
    public static final int TOOL = 4;
    private static final int FAMILIES = 5;

    private static final ThreadLocal<int[]> STATE = new ThreadLocal<int[]>() {
        @Override
        protected int[] initialValue() {
            return new int[FAMILIES];
        }
    };

    private static volatile Decider decider;
    private static volatile boolean failOpen;
    private static volatile Thread[] ownThreads = new Thread[0];

    private Gate() {
    }

    /** Called once by the agent before any hook exists; later calls are refused. */
    public static synchronized void install(Decider d, boolean open, Thread[] klyoThreads) {
        if (decider != null) {
            throw new IllegalStateException("Klyo gate already installed");
        }
        failOpen = open;
        ownThreads = klyoThreads.clone();
        decider = d;
    }

    // ---- call-depth dedupe -------------------------------------------------------------------

    /** Enters a call of a family; true when it is the outermost one on this thread. */
    public static boolean enter(int family) {
        return STATE.get()[family]++ == 0;
    }

    public static void exit(int family) {
        int[] state = STATE.get();
        if (state[family] > 0) {
            state[family]--;
        }
    }

    // ---- checks ---------------------------------------------------------------------------------

    public static void http(String method, String url, Map<String, List<String>> headers, boolean hasBody)
            throws IOException {
        Decider d = begin();
        if (d == null) {
            return;
        }
        String denial;
        try {
            denial = d.http(method, url, headers, hasBody);
        } catch (Throwable t) {
            denial = failure(t);
        } finally {
            end();
        }
        if (denial != null) {
            throw new KlyoDeniedIOException(denial);
        }
    }

    /** A TCP connect or UDP send/connect to {@code endpoint}; ignores anything but inet addresses. */
    public static void connect(SocketAddress endpoint, boolean udp) throws IOException {
        if (!(endpoint instanceof InetSocketAddress)) {
            return;
        }
        Decider d = begin();
        if (d == null) {
            return;
        }
        String denial;
        try {
            InetSocketAddress inet = (InetSocketAddress) endpoint;
            String address = inet.getAddress() == null ? "" : inet.getAddress().getHostAddress();
            denial = d.connect(inet.getHostString(), address, inet.getPort(), udp);
        } catch (Throwable t) {
            denial = failure(t);
        } finally {
            end();
        }
        if (denial != null) {
            throw new KlyoDeniedIOException(denial);
        }
    }

    public static void dns(String host) throws UnknownHostException {
        if (host == null || host.isEmpty() || isLiteral(host)) {
            return;
        }
        Decider d = begin();
        if (d == null) {
            return;
        }
        String denial;
        try {
            denial = d.dns(host);
        } catch (Throwable t) {
            denial = failure(t);
        } finally {
            end();
        }
        if (denial != null) {
            throw new UnknownHostException(host + ": " + denial);
        }
    }

    /** java.io streams and RandomAccessFile: the JDK reports refused opens as FileNotFoundException. */
    public static void stream(File file, int operation) throws FileNotFoundException {
        String denial = decideFile(file, operation);
        if (denial != null) {
            throw new FileNotFoundException(file.getPath() + " (" + denial + ")");
        }
    }

    /** java.io.File methods that declare no IOException. */
    public static void file(File file, int operation) {
        String denial = decideFile(file, operation);
        if (denial != null) {
            throw new KlyoDeniedException(denial);
        }
    }

    /** File system provider operations: {@link AccessDeniedException}, as NIO reports permission errors. */
    public static void path(Object path, int operation) throws AccessDeniedException {
        String denial = decideFile(path, operation);
        if (denial != null) {
            throw new AccessDeniedException(String.valueOf(path), null, denial);
        }
    }

    public static void open(Object path, Set<?> options) throws AccessDeniedException {
        Decider d = begin();
        if (d == null) {
            return;
        }
        String denial;
        try {
            denial = d.open(path, options);
        } catch (Throwable t) {
            denial = failure(t);
        } finally {
            end();
        }
        if (denial != null) {
            throw new AccessDeniedException(String.valueOf(path), null, denial);
        }
    }

    public static void process(String[] command, String directory) throws IOException {
        if (command == null || command.length == 0) {
            return;
        }
        Decider d = begin();
        if (d == null) {
            return;
        }
        String denial;
        try {
            denial = d.process(command.clone(), directory);
        } catch (Throwable t) {
            denial = failure(t);
        } finally {
            end();
        }
        if (denial != null) {
            throw new KlyoDeniedIOException(denial);
        }
    }

    /** A tool about to run; skipped when a framework integration already decided it ({@link ToolCallScope}). */
    public static void tool(String name, String server, String arguments) {
        if (ToolCallScope.active()) {
            return;
        }
        Decider d = begin();
        if (d == null) {
            return;
        }
        String denial;
        try {
            denial = d.tool(name, server, arguments);
        } catch (Throwable t) {
            denial = failure(t);
        } finally {
            end();
        }
        if (denial != null) {
            throw new KlyoDeniedException(denial);
        }
    }

    // ---- internals ------------------------------------------------------------------------------

    private static String decideFile(Object file, int operation) {
        Decider d = begin();
        if (d == null) {
            return null;
        }
        try {
            return d.file(file, operation);
        } catch (Throwable t) {
            return failure(t);
        } finally {
            end();
        }
    }

    /** The decider, with this thread marked as inside Klyo; null when the check must be skipped. */
    private static Decider begin() {
        Decider d = decider;
        if (d == null) {
            return null;
        }
        Thread current = Thread.currentThread();
        for (Thread own : ownThreads) {
            if (own == current) {
                return null;
            }
        }
        int[] state = STATE.get();
        if (state[0] > 0) {
            return null;
        }
        state[0] = 1;
        return d;
    }

    private static void end() {
        STATE.get()[0] = 0;
    }

    private static String failure(Throwable t) {
        if (failOpen) {
            return null;
        }
        return "Klyo could not decide (" + t + "); failing closed";
    }

    /** IP literals resolve without a lookup: nothing leaves, so there is nothing to decide. */
    private static boolean isLiteral(String host) {
        if (host.indexOf(':') >= 0) {
            return true;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if ((c < '0' || c > '9') && c != '.') {
                return false;
            }
        }
        return true;
    }
}
