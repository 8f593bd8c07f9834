package dev.klyo.javaagent.hooks;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.klyo.javaagent.bootstrap.Gate;
import java.net.UnknownHostException;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Name lookups through {@code InetAddress.getAllByName(String)}, which {@code getByName},
 * {@code InetSocketAddress} and the HTTP clients use: a name can carry data out to whoever
 * runs its DNS zone. IP literals are skipped (no lookup happens). A denial is an
 * {@code UnknownHostException}. Asks: DNS lookup.
 */
public final class DnsHook implements Hook {

    @Override
    public List<String> typeNames() {
        return List.of("java.net.InetAddress");
    }

    @Override
    public List<Advised> advice() {
        return List.of(Advised.of(named("getAllByName").and(isPublic()).and(takesArguments(String.class)), Lookup.class));
    }

    public static final class Lookup {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) String host) throws UnknownHostException {
            Gate.dns(host);
        }
    }
}
