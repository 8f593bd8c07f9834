package dev.klyo.javaagent.hooks;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesNoArguments;

import dev.klyo.javaagent.bootstrap.Gate;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code HttpURLConnection} (and HTTPS, which delegates to the same class): decided in
 * {@code plainConnect}, which {@code connect}, {@code getOutputStream}, {@code getInputStream}
 * and every redirect hop pass through before anything is sent, so a body written through
 * {@code getOutputStream} never leaves before the decision. Asks: HTTP request (method, URL,
 * headers; body unseen).
 */
public final class HttpUrlConnectionHook implements Hook {

    @Override
    public List<String> typeNames() {
        return List.of("sun.net.www.protocol.http.HttpURLConnection");
    }

    @Override
    public List<Advised> advice() {
        return List.of(Advised.of(named("plainConnect").and(takesNoArguments()), PlainConnect.class));
    }

    public static final class PlainConnect {
        @Advice.OnMethodEnter
        static void enter(@Advice.This HttpURLConnection connection, @Advice.FieldValue("connected") boolean connected)
                throws IOException {
            if (!connected) {
                Gate.http(connection.getRequestMethod(), connection.getURL().toString(),
                        connection.getRequestProperties(), connection.getDoOutput());
            }
        }
    }
}
