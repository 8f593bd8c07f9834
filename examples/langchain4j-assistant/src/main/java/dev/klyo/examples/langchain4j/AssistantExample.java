package dev.klyo.examples.langchain4j;

import dev.klyo.Klyo;
import dev.klyo.audit.AuditEvent;
import dev.klyo.audit.AuditJson;
import dev.klyo.langchain4j.KlyoLangChain4j;
import dev.klyo.langchain4j.KlyoToolGovernor;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.service.Result;
import dev.langchain4j.service.tool.ToolExecution;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A LangChain4j customer-service assistant under a Klyo policy, entirely offline. The customer
 * asks about an order and to cancel it; the model calls both tools; the policy lets the lookup
 * run (with the customer's e-mail redacted) and denies the cancellation, and the model tells the
 * customer so. The conversation and the audit log are printed.
 *
 * <p>Arguments (both optional): the policy file (default {@code policy.yaml}) and the audit file
 * (default {@code target/audit.jsonl}).
 */
public final class AssistantExample {

    private AssistantExample() {
    }

    public static void main(String[] args) throws Exception {
        // LangChain4j logs through SLF4J; the example ships no logging backend, so keep SLF4J quiet about it.
        System.setProperty("slf4j.internal.verbosity", "ERROR");
        Path policy = Path.of(args.length > 0 ? args[0] : "policy.yaml");
        Path audit = Path.of(args.length > 1 ? args[1] : "target/audit.jsonl");
        run(policy, audit, System.out);
    }

    static void run(Path policy, Path audit, PrintStream out) throws Exception {
        Files.createDirectories(audit.toAbsolutePath().getParent());
        Files.deleteIfExists(audit);
        ShopTools tools = new ShopTools();
        try (Klyo klyo = Klyo.builder().policy(policy).auditFile(audit).build()) {
            KlyoToolGovernor governor = KlyoToolGovernor.builder(klyo)
                    .principal("jane.doe").agentId("shop-assistant").groups("customers").build();
            ShopAssistant assistant = KlyoLangChain4j.builder(ShopAssistant.class, governor)
                    .chatModel(new ScriptedShopModel())
                    .chatMemoryProvider(id -> MessageWindowChatMemory.withMaxMessages(20))
                    .tools(tools)
                    .build();

            String question = "Where is order 1042? It is late - please cancel order 1042.";
            out.println("policy: " + policy + " (" + klyo.policy().revision() + ")");
            out.println();
            out.println("customer  > " + question);
            Result<String> result = assistant.chat("conversation-1", question);
            for (ToolExecution execution : result.toolExecutions()) {
                out.println("  tool call  " + execution.request().name() + " " + execution.request().arguments());
                out.println("  " + (execution.hasFailed() ? "refused   " : "result    ") + " " + execution.result());
            }
            out.println("assistant > " + result.content());
            out.println();
            out.println("orders the cancel_order tool actually cancelled: " + tools.cancelled());
            klyo.audit().flush();
        }
        out.println();
        out.println("audit log (" + audit + "):");
        for (String line : Files.readAllLines(audit)) {
            if (!line.isBlank()) {
                AuditEvent e = AuditJson.fromJson(line);
                out.printf("  %-5s %-6s %-32s rules=%s principal=%s agent=%s session=%s%n", e.kind(), e.effect(),
                        e.target(), e.rules().isEmpty() ? "(default)" : String.join(",", e.rules()), e.principal(),
                        e.agentId(), e.sessionId());
            }
        }
    }
}
