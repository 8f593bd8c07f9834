package dev.klyo.javaagent.hooks;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.klyo.javaagent.bootstrap.Gate;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * UDP through {@code DatagramChannel} and {@code DatagramSocket} (whose implementation is a
 * datagram channel since Java 15): {@code connect}, and each {@code send} to an explicit
 * target. The send methods call each other on some JDKs, so a call depth keeps it to one
 * decision per datagram. Asks: network connect (UDP).
 */
public final class UdpHook implements Hook {

    @Override
    public List<String> typeNames() {
        return List.of("sun.nio.ch.DatagramChannelImpl");
    }

    @Override
    public List<Advised> advice() {
        return List.of(
                Advised.of(named("send").and(takesArguments(ByteBuffer.class, SocketAddress.class)), SendTo.class),
                Advised.of(named("blockingSend").and(takesArguments(ByteBuffer.class, SocketAddress.class)), SendTo.class),
                Advised.of(named("blockingSend").and(takesArguments(DatagramPacket.class)), SendPacket.class),
                Advised.of(named("connect").and(takesArguments(2)).and(takesArgument(0, SocketAddress.class)),
                        Connect.class));
    }

    public static final class SendTo {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(1) SocketAddress target) throws IOException {
            Gate.datagram(target);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit() {
            Gate.exit(Gate.UDP);
        }
    }

    public static final class SendPacket {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) DatagramPacket packet) throws IOException {
            Gate.datagram(packet.getAddress() == null ? null : packet.getSocketAddress());
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit() {
            Gate.exit(Gate.UDP);
        }
    }

    public static final class Connect {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) SocketAddress remote) throws IOException {
            Gate.connect(remote, true);
        }
    }
}
