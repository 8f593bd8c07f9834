package dev.klyo.javaagent.hooks;

import static net.bytebuddy.matcher.ElementMatchers.named;

import dev.klyo.javaagent.bootstrap.Gate;
import dev.klyo.javaagent.bootstrap.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Redirects the JDK HttpClient follows itself never pass through {@code send}: each hop builds
 * its request with {@code HttpRequestImpl.newInstanceForRedirection}, decided here as a new
 * request (headers as the previous hop sent them; the body unseen). The denial fails the
 * exchange, which the caller sees as an {@code IOException}.
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
            // The previous hop may carry an injected credential: the exchange checks it against
            // the new host (a redirect elsewhere is denied) and decides on the placeholder form.
            // A rewrite cannot be applied to a hop the JDK builds itself; it is decided only.
            Gate.exchange(new HttpExchange(method, uri.toString(), previous.headers().map(), null, mayHaveBody, null));
        }
    }
}
