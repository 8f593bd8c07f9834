package dev.klyo.server;

import dev.klyo.Klyo;
import dev.klyo.action.AgentContext;
import dev.klyo.action.ToolCall;
import dev.klyo.audit.AuditSink;
import dev.klyo.audit.export.AuditExport;
import dev.klyo.audit.export.FanOutAuditSink;
import dev.klyo.central.CentralPolicy;
import dev.klyo.engine.Decision;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * An agent JVM for end-to-end tests, configured by {@code key=value} arguments exactly as the
 * javaagent is. Reads commands on stdin: {@code decide <agent> <tool> [group]} prints
 * {@code <effect> <enforced> <revision>}; {@code exit} closes everything and prints the number of decisions.
 */
public final class AgentProcess {

    public static void main(String[] args) throws Exception {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            settings.put(a.substring(0, eq), a.substring(eq + 1));
        }
        AuditSink audit = new FanOutAuditSink(AuditExport.sinks(settings));
        CentralPolicy central = CentralPolicy.fromSettings(settings);
        Klyo klyo = central.start(Klyo.builder(), audit);
        long decisions = 0;
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.out.println("ready");
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] w = line.strip().split(" ");
            if (w[0].equals("decide")) {
                Set<String> groups = w.length > 3 ? Set.of(w[3]) : Set.of();
                Decision d = klyo.decide(new ToolCall(new AgentContext("p", w[1], "s", groups), w[2], "", "{}", Map.of()));
                decisions++;
                System.out.println(d.effect().key() + " " + d.enforced() + " " + d.policyRevision());
            } else if (w[0].equals("exit")) {
                central.close();
                klyo.close();
                System.out.println("decisions " + decisions);
                return;
            }
        }
    }
}
