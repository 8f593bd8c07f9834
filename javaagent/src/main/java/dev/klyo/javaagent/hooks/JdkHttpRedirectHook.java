package dev.klyo.javaagent.hooks;

import static net.bytebuddy.matcher.ElementMatchers.named;

import dev.klyo.javaagent.bootstrap.Gate;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Redirects the JDK HttpClient follows itself never pass through {@code send}: each hop builds
 * its request with {@code HttpRequestImpl.newInstanceForRedirection}, decided here as a new
 * request. The denial fails the exchange, which the caller sees as an {@code IOException}.
 */
public final class JdkHttpRedirectHook implements Hook {

    @Override
    public List<String> typeNames() {
        return List.of("jdk.internal.net.http.HttpRequestImpl");
    }

    @Override
    public List<Advised> advice() {
        return List.of(Advised.of(named("newInstanceForRedirection"), Redirect.class));
    }

    public static final class Redirect {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) URI uri, @Advice.Argument(1) String method,
                          @Advice.Argument(2) HttpRequest previous, @Advice.Argument(3) boolean mayHaveBody)
                throws IOException {
            Gate.http(method, uri.toString(), previous.headers().map(), mayHaveBody);
        }
    }
}
