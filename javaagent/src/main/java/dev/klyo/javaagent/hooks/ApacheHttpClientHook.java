package dev.klyo.javaagent.hooks;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.klyo.javaagent.bootstrap.Gate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;

/**
 * Apache HttpClient 5, classic and async: the protocol stage of the execution chain
 * ({@code ProtocolExec}, {@code AsyncProtocolExec}), which runs once per hop — after the
 * redirect stage, before a connection is leased — so every redirect is decided as a new
 * request. Asks: HTTP request (method, URI, headers, whether a body exists); a denial is an
 * {@code IOException}, which both stages declare.
 */
public final class ApacheHttpClientHook implements Hook {

    @Override
    public List<String> typeNames() {
        return List.of("org.apache.hc.client5.http.impl.classic.ProtocolExec",
                "org.apache.hc.client5.http.impl.async.AsyncProtocolExec");
    }

    @Override
    public List<Advised> advice() {
        return List.of(Advised.of(named("execute").and(takesArguments(3).or(takesArguments(5))), Execute.class));
    }

    /** Both stages: the classic one's second argument is the scope, the async one's the body producer. */
    public static final class Execute {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) HttpRequest request,
                          @Advice.Argument(value = 1, typing = Assigner.Typing.DYNAMIC) Object second) throws Exception {
            // No lambdas here: advice is copied into Apache's class, a lambda's body would not be.
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (Header h : request.getHeaders()) {
                List<String> values = headers.get(h.getName());
                if (values == null) {
                    values = new ArrayList<>();
                    headers.put(h.getName(), values);
                }
                values.add(h.getValue());
            }
            boolean body = second instanceof AsyncEntityProducer
                    || request instanceof ClassicHttpRequest && ((ClassicHttpRequest) request).getEntity() != null;
            Gate.http(request.getMethod(), request.getUri().toString(), headers, body);
        }
    }
}
