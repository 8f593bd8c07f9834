package dev.klyo.javaagent.hooks;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.klyo.javaagent.bootstrap.HttpUrlConnectionWire;
import java.lang.invoke.MethodHandles;
import java.net.URL;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * {@code HttpURLConnection} (and HTTPS, which delegates to the same classes): decided where the
 * JDK's internal HTTP client ({@code sun.net.www.http.HttpClient}) writes a request — the
 * header block, then the body buffered from {@code getOutputStream()} — so the decision sees
 * the finished headers and the whole body, and nothing of the request has left yet. Every
 * redirect hop and retry writes through here again. {@code writeRequests(head)} is the
 * streaming path ({@code setFixedLengthStreamingMode}, {@code setChunkedStreamingMode}): the
 * body follows the headers unseen. Asks: HTTP request with body; see
 * {@link HttpUrlConnectionWire}.
 */
public final class HttpUrlConnectionHook implements Hook {

    @Override
    public List<String> typeNames() {
        return List.of("sun.net.www.http.HttpClient");
    }

    @Override
    public List<Advised> advice() {
        return List.of(Advised.of(named("writeRequests").and(takesArguments(2)), Buffered.class),
                Advised.of(named("writeRequests").and(takesArguments(1)), Streamed.class));
    }

    public static final class Buffered {
        @Advice.OnMethodEnter
        static void enter(@Advice.FieldValue("url") URL server,
                          @Advice.Argument(value = 0, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object head,
                          @Advice.Argument(value = 1, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object poster)
                throws java.io.IOException {
            Object[] replaced = HttpUrlConnectionWire.exchange(MethodHandles.lookup(), server, head, poster);
            if (replaced != null) {
                head = replaced[0];
                poster = replaced[1];
            }
        }
    }

    public static final class Streamed {
        @Advice.OnMethodEnter
        static void enter(@Advice.FieldValue("url") URL server,
                          @Advice.Argument(value = 0, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object head)
                throws java.io.IOException {
            Object[] replaced = HttpUrlConnectionWire.exchange(MethodHandles.lookup(), server, head, null);
            if (replaced != null) {
                head = replaced[0];
            }
        }
    }
}
