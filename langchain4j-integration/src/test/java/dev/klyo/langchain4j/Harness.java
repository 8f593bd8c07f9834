package dev.klyo.langchain4j;

import dev.klyo.Klyo;
import dev.klyo.audit.AuditEvent;
import dev.klyo.audit.AuditJson;
import dev.klyo.policy.Mode;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.service.AiServices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/** A Klyo with a policy from text and a real JSON Lines audit file, read back from disk. */
final class Harness implements AutoCloseable {

    final Klyo klyo;
    final Path auditFile;

    private Harness(Klyo klyo, Path auditFile) {
        this.klyo = klyo;
        this.auditFile = auditFile;
    }

    static Harness of(Path dir, String policyYaml) throws Exception {
        return of(dir, policyYaml, null);
    }

    static Harness of(Path dir, String policyYaml, Mode mode) throws Exception {
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, policyYaml);
        Path audit = dir.resolve("audit.jsonl");
        Klyo.Builder b = Klyo.builder().policy(policy).auditFile(audit);
        if (mode != null) {
            b.mode(mode);
        }
        return new Harness(b.build(), audit);
    }

    /** A governed {@link Assistant} on this Klyo, with a chat memory per session and the given registrations. */
    Assistant assistant(ChatModel model, UnaryOperator<AiServices<Assistant>> registration) {
        return registration.apply(KlyoLangChain4j.builder(Assistant.class, klyo)
                .chatModel(model)
                .chatMemoryProvider(id -> MessageWindowChatMemory.withMaxMessages(20))).build();
    }

    List<AuditEvent> events() throws IOException {
        klyo.audit().flush();
        return Files.readAllLines(auditFile).stream().filter(l -> !l.isBlank()).map(AuditJson::fromJson).toList();
    }

    List<AuditEvent> events(String kind) throws IOException {
        return events().stream().filter(e -> e.kind().equals(kind)).toList();
    }

    @Override
    public void close() {
        klyo.close();
    }
}
