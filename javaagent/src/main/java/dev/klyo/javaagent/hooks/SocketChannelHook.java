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
 * Backstop for NIO clients ({@code SocketChannel}, and the JDK HttpClient, which connects
 * through it). Asks: network connect (TCP).
 */
public final class SocketChannelHook implements Hook {

    @Override
    public List<String> typeNames() {
        return List.of("sun.nio.ch.SocketChannelImpl");
    }

    @Override
    public List<Advised> advice() {
        return List.of(Advised.of(named("connect").and(takesArguments(SocketAddress.class)), Connect.class));
    }

    public static final class Connect {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) SocketAddress remote) throws IOException {
            Gate.connect(remote, false);
        }
    }
}
