package dev.klyo.javaagent.hooks;

import static net.bytebuddy.matcher.ElementMatchers.named;

import dev.klyo.javaagent.bootstrap.Gate;
import java.io.IOException;
import java.net.SocketAddress;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Backstop for {@code AsynchronousSocketChannel} (both {@code connect} forms end in
 * {@code implConnect}). A denial is thrown from {@code connect} itself, before any future or
 * handler exists. Asks: network connect (TCP).
 */
public final class AsyncSocketChannelHook implements Hook {

    @Override
    public List<String> typeNames() {
        return List.of("sun.nio.ch.UnixAsynchronousSocketChannelImpl");
    }

    @Override
    public List<Advised> advice() {
        return List.of(Advised.of(named("implConnect"), Connect.class));
    }

    public static final class Connect {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) SocketAddress remote) throws IOException {
            Gate.connect(remote, false);
        }
    }
}
