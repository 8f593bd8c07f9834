package dev.klyo.javaagent.bootstrap;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one class hooks call. It is injected into the bootstrap class loader because code added
 * to JDK classes can see nothing else. It hands each action to the {@link Decider} and turns a
 * denial into the exception the hooked method's callers expect. Every branch a hook needs (a
 * null argument, a mode string) is taken here, so the code added to JDK classes stays a straight
 * line of argument loads and one call.
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
    /**
     * Not operations of their own, but what moving and copying do to a path. A file moved away is
     * deleted here and read wherever it lands, so a rule against reading it must stop the move.
     */
    public static final int MOVE_FROM = 7;
    /** A copy's or a move's target gets new content, created or replaced: a create and a write. */
    public static final int COPY_TO = 8;

    /** Call-depth families, for APIs whose public methods call each other (one decision per call). */
    public static final int UDP = 1;
    public static final int FILE_OPEN = 2;
    public static final int TOOL_CALL = 3;
    public static final int SQL = 4;
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

    private static final int HTTP = 0;
    private static final int CONNECT = 1;
    private static final int DNS = 2;
    private static final int FILE = 3;
    private static final int OPEN = 4;
    private static final int PROCESS = 5;
    private static final int TOOL = 6;
    private static final int EXCHANGE = 8;
    private static final int STATEMENT = 7;

    public static void http(String method, String url, Map<String, List<String>> headers, boolean hasBody)
            throws IOException {
        String denial = ask(HTTP, method, url, headers, hasBody ? 1 : 0);
        if (denial != null) {
            throw new KlyoDeniedIOException(denial);
        }
    }

    /**
     * A request with its body: decided, and possibly rewritten (redaction, credential injection);
     * the hook sends what {@code exchange} holds afterwards if it {@link HttpExchange#changed()}.
     */
    public static void exchange(HttpExchange exchange) throws IOException {
        String denial = ask(EXCHANGE, exchange, null, null, 0);
        if (denial != null) {
            throw new KlyoDeniedIOException(denial);
        }
    }

    /** A TCP connect or UDP send/connect to {@code endpoint}; ignores anything but inet addresses. */
    public static void connect(SocketAddress endpoint, boolean udp) throws IOException {
        if (endpoint instanceof InetSocketAddress) {
            String denial = ask(CONNECT, endpoint, null, null, udp ? 1 : 0);
            if (denial != null) {
                throw new KlyoDeniedIOException(denial);
            }
        }
    }

    /** A datagram packet: decided by its address when it has one (else the channel's connected one was). */
    public static void datagram(DatagramPacket packet) throws IOException {
        datagram(packet.getAddress() == null ? null : packet.getSocketAddress());
    }

    /** A datagram to {@code target} (a SocketAddress, or a DatagramPacket's address): one decision per send. */
    public static void datagram(SocketAddress target) throws IOException {
        if (enter(UDP)) {
            try {
                connect(target, true);
            } catch (IOException denied) {
                exit(UDP);
                throw denied;
            }
        }
    }

    public static void dns(String host) throws UnknownHostException {
        if (host == null || host.isEmpty() || isLiteral(host)) {
            return;
        }
        String denial = ask(DNS, host, null, null, 0);
        if (denial != null) {
            throw new UnknownHostException(host + ": " + denial);
        }
    }

    /** java.io streams and RandomAccessFile: the JDK reports refused opens as FileNotFoundException. */
    public static void stream(File file, int operation) throws FileNotFoundException {
        if (file == null) {
            return;  // the constructor throws its own NullPointerException
        }
        String denial = ask(FILE, file, null, null, operation);
        if (denial != null) {
            throw new FileNotFoundException(file.getPath() + " (" + denial + ")");
        }
    }

    /** {@code RandomAccessFile}: any mode with {@code w} ("rw", "rws", "rwd") opens for writing. */
    public static void randomAccess(File file, String mode) throws FileNotFoundException {
        stream(file, mode != null && mode.indexOf('w') >= 0 ? WRITE : READ);
    }

    /** {@code File.renameTo}: the file moves away from its old name to its new one. */
    public static void rename(File file, File target) {
        file(file, MOVE_FROM);
        if (target != null) {
            file(target, COPY_TO);
        }
    }

    /** java.io.File methods that declare no IOException. */
    public static void file(File file, int operation) {
        String denial = ask(FILE, file, null, null, operation);
        if (denial != null) {
            throw new KlyoDeniedException(denial);
        }
    }

    /** File system provider operations: {@link AccessDeniedException}, as NIO reports permission errors. */
    public static void path(Object path, int operation) throws AccessDeniedException {
        String denial = ask(FILE, path, null, null, operation);
        if (denial != null) {
            throw new AccessDeniedException(String.valueOf(path), null, denial);
        }
    }

    /** A new symbolic link: creating {@code link}, and linking to where it points (relative to its directory). */
    public static void symbolicLink(Path link, Path target) throws AccessDeniedException {
        path(link, CREATE);
        path(link.resolveSibling(target), LINK);
    }

    /**
     * A typed attribute view: they exist to change attributes (permissions, owner, times); reading
     * goes through {@code readAttributes}. The provider method declares no IOException.
     */
    public static void attributeView(Path path, Class<?> type) {
        if (type != BasicFileAttributeView.class) {
            file(path.toFile(), ATTRIBUTES);
        }
    }

    /** A channel open, decided by its options; one decision per open however the provider nests its calls. */
    public static void open(Object path, Set<?> options) throws AccessDeniedException {
        if (enter(FILE_OPEN)) {
            String denial = ask(OPEN, path, options, null, 0);
            if (denial != null) {
                exit(FILE_OPEN);
                throw new AccessDeniedException(String.valueOf(path), null, denial);
            }
        }
    }

    public static void process(String[] command, String directory) throws IOException {
        if (command != null && command.length > 0) {
            String denial = ask(PROCESS, command.clone(), directory, null, 0);
            if (denial != null) {
                throw new KlyoDeniedIOException(denial);
            }
        }
    }

    /**
     * A tool about to run, once per call however the executor's methods nest; skipped when a
     * framework integration already decided it ({@link ToolCallScope}).
     */
    public static void tool(String name, String server, String arguments) {
        if (enter(TOOL_CALL) && !ToolCallScope.active()) {
            String denial = ask(TOOL, name, server, arguments, 0);
            if (denial != null) {
                exit(TOOL_CALL);
                throw new KlyoDeniedException(denial);
            }
        }
    }

    /**
     * A SQL statement about to run through {@code jdbc} (a statement or connection), once per
     * call however a pool's proxy and the driver nest; null to proceed, else the denial, which
     * the advice throws as an {@code SQLException} (java.sql is not visible from here).
     */
    public static String sql(String sql, Object jdbc) {
        if (enter(SQL) && sql != null) {
            String denial = ask(STATEMENT, sql, jdbc, null, 0);
            if (denial != null) {
                exit(SQL);
            }
            return denial;
        }
        return null;
    }

    // ---- internals ------------------------------------------------------------------------------

    /** Asks the decider with this thread marked as inside Klyo; null to proceed, else the denial. */
    @SuppressWarnings("unchecked")
    private static String ask(int what, Object a, Object b, Object c, int n) {
        Decider d = begin();
        if (d == null) {
            return null;
        }
        try {
            switch (what) {
                case HTTP:
                    return d.http((String) a, (String) b, (Map<String, List<String>>) c, n == 1);
                case EXCHANGE:
                    return d.exchange((HttpExchange) a);
                case CONNECT: {
                    InetSocketAddress inet = (InetSocketAddress) a;
                    String address = inet.getAddress() == null ? "" : inet.getAddress().getHostAddress();
                    return d.connect(inet.getHostString(), address, inet.getPort(), n == 1);
                }
                case DNS:
                    return d.dns((String) a);
                case FILE:
                    return d.file(a, n);
                case OPEN:
                    return d.open(a, (Set<?>) b);
                case PROCESS:
                    return d.process((String[]) a, (String) b);
                case STATEMENT:
                    return d.sql((String) a, b);
                default:
                    return d.tool((String) a, (String) b, (String) c);
            }
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

    /** Evaluation failures inside the engine are audited by it; this is for failures around it (paths, URLs). */
    private static String failure(Throwable t) {
        System.err.println("[klyo] ERROR: could not decide (" + t + "); " + (failOpen ? "allowed (fail open)" : "denied"));
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
