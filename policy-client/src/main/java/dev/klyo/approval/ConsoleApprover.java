package dev.klyo.approval;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Asks on a terminal: prints the action and waits for {@code y} within a timeout; anything else refuses. */
public final class ConsoleApprover implements Approver {

    private final BufferedReader in;
    private final PrintStream out;
    private final Duration timeout;
    private final ExecutorService reader = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "klyo-console-approver");
        t.setDaemon(true);
        return t;
    });

    public ConsoleApprover(InputStream in, PrintStream out, Duration timeout) {
        this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.out = out;
        this.timeout = timeout;
    }

    /** On the process's own terminal, waiting at most two minutes. */
    public static ConsoleApprover onSystemConsole() {
        return new ConsoleApprover(System.in, System.err, Duration.ofMinutes(2));
    }

    @Override
    public synchronized ApprovalResult request(ApprovalRequest request) {
        out.printf("Klyo: approval needed for %s %s%n  %s [rules %s]%nApprove? [y/N] ",
                request.action().kind().key(), request.action().target(), request.message(),
                String.join(", ", request.ruleIds()));
        out.flush();
        Future<String> answer = reader.submit(in::readLine);
        try {
            String line = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (line == null) {
                return ApprovalResult.refused("console", "no terminal input available");
            }
            String a = line.trim().toLowerCase(Locale.ROOT);
            return a.equals("y") || a.equals("yes")
                    ? ApprovalResult.approved("console")
                    : ApprovalResult.refused("console", "refused at the console");
        } catch (TimeoutException e) {
            answer.cancel(true);
            return ApprovalResult.refused("console", "no answer within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            return ApprovalResult.refused("console", "cannot read the console: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ApprovalResult.refused("console", "interrupted while waiting for an answer");
        }
    }
}
