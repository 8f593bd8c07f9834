package dev.klyo.examples.springai;

import dev.klyo.Klyo;
import dev.klyo.audit.AuditEvent;
import dev.klyo.audit.AuditJson;
import dev.klyo.springai.SessionKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.CommandLineRunner;
import org.springframework.stereotype.Component;

/** One support conversation, then what is on disk and what the audit log recorded. */
@Component
public class SupportDeskRunner implements CommandLineRunner {

    private final ChatClient chat;
    private final Workspace workspace;
    private final Klyo klyo;
    private final Path auditFile;

    public SupportDeskRunner(ChatClient.Builder chat, Workspace workspace, Klyo klyo,
            @Value("${klyo.audit-file}") Path auditFile) {
        this.chat = chat.build();
        this.workspace = workspace;
        this.klyo = klyo;
        this.auditFile = auditFile;
    }

    @Override
    public void run(String... args) throws Exception {
        long before = Files.exists(auditFile) ? Files.readAllLines(auditFile).size() : 0;
        String question = "Tidy the workspace please, and delete old-report.pdf. My AWS key is AKIA2Q7RT5VW3XZK6JHM if you need it.";
        System.out.println("user    : " + question);

        String reply = chat.prompt(question)
                .tools(workspace)
                .advisors(a -> a.param(SessionKeys.PRINCIPAL, "sam@example.com")
                        .param(SessionKeys.GROUPS, "support")
                        .param(ChatMemory.CONVERSATION_ID, "ticket-1042"))
                .call()
                .content();

        System.out.println("reply   : " + reply);
        System.out.println("on disk : old-report.pdf " + (Files.exists(workspace.root().resolve("old-report.pdf"))
                ? "is still there" : "was deleted"));

        klyo.audit().flush();
        System.out.println("audit   : " + auditFile);
        Files.readAllLines(auditFile).stream().skip(before).map(AuditJson::fromJson).forEach(e ->
                System.out.println("  " + describe(e)));
    }

    private static String describe(AuditEvent e) {
        return String.format("%-5s %-7s %-22s rule=%-24s principal=%s session=%s agent=%s", e.kind(), e.effect(),
                e.target(), e.ruleId(), e.principal(), e.sessionId(), e.agentId());
    }
}
