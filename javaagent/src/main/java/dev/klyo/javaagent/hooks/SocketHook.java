package dev.klyo.javaagent.hooks;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.klyo.javaagent.bootstrap.Gate;
import java.io.IOException;
import java.net.SocketAddress;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Backstop for every client on {@code java.net.Socket} (SSL sockets included): the address
 * actually dialled, so a name that passed the DNS check but resolves somewhere denied is
 * still caught. Asks: network connect (host, address, port, TCP).
 */
public final class SocketHook implements Hook {

    @Override
    public List<String> typeNames() {
        return List.of("java.net.Socket");
    }

    @Override
    public List<Advised> advice() {
        return List.of(Advised.of(named("connect").and(takesArguments(SocketAddress.class, int.class)), Connect.class));
    }

    public static final class Connect {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) SocketAddress endpoint) throws IOException {
            Gate.connect(endpoint, false);
        }
    }
}
