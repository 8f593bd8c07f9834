package dev.klyo.springai.boot;

import static dev.klyo.springai.ScriptedChatModel.answer;
import static dev.klyo.springai.ScriptedChatModel.callTool;
import static dev.klyo.springai.ScriptedChatModel.echoToolResults;
import static org.assertj.core.api.Assertions.assertThat;

import dev.klyo.Klyo;
import dev.klyo.audit.AuditEvent;
import dev.klyo.audit.AuditJson;
import dev.klyo.policy.Mode;
import dev.klyo.springai.KlyoAdvisor;
import dev.klyo.springai.KlyoToolCallingManager;
import dev.klyo.springai.ScriptedChatModel;
import dev.klyo.springai.SessionKeys;
import dev.klyo.springai.Workshop;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.model.chat.client.autoconfigure.ChatClientAutoConfiguration;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.ai.model.tool.autoconfigure.ToolCallingAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The starter from properties alone, with Spring AI's own auto-configuration and a scripted model bean. */
class KlyoAutoConfigurationTest {

    @TempDir
    Path dir;

    private ApplicationContextRunner runner(ScriptedChatModel model) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ToolCallingAutoConfiguration.class,
                        ChatClientAutoConfiguration.class, KlyoAutoConfiguration.class))
                .withBean(ChatModel.class, () -> model)
                .withBean(Workshop.class, Workshop::new)
                .withPropertyValues("klyo.policy=classpath:klyo-test-policy.yaml");
    }

    @Test
    void propertiesAloneGovernTheAutoConfiguredChatClient() throws Exception {
        Path auditFile = dir.resolve("audit.jsonl");
        ScriptedChatModel model = new ScriptedChatModel(callTool("delete_file", "{\"path\":\"plan.md\"}"),
                callTool("list_files", "{}"), echoToolResults());

        runner(model)
                .withPropertyValues("klyo.audit-file=" + auditFile, "klyo.agent-id=support-bot")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(ToolCallingManager.class)).isInstanceOf(KlyoToolCallingManager.class);
                    Workshop workshop = context.getBean(Workshop.class);
                    String reply = context.getBean(ChatClient.Builder.class).build()
                            .prompt("tidy up").tools(workshop)
                            .advisors(a -> a.param(SessionKeys.PRINCIPAL, "dana").param(ChatMemory.CONVERSATION_ID, "c-42"))
                            .call().content();

                    assertThat(workshop.runs).containsExactly("list_files");
                    assertThat(reply).contains("deleting files needs a human");
                });
        // The context is closed: Klyo flushed and closed its audit file.
        List<AuditEvent> events = Files.readAllLines(auditFile).stream().map(AuditJson::fromJson).toList();
        assertThat(events).filteredOn(e -> e.kind().equals("tool"))
                .extracting(e -> e.target() + "=" + e.effect() + " " + e.principal() + "/" + e.sessionId() + "/" + e.agentId())
                .containsExactly("delete_file=deny dana/c-42/support-bot", "list_files=allow dana/c-42/support-bot");
        assertThat(events).filteredOn(e -> e.kind().equals("model")).hasSize(2);
    }

    @Test
    void theAgentIdDefaultsToTheApplicationName() {
        runner(new ScriptedChatModel(answer("hi")))
                .withPropertyValues("spring.application.name=billing")
                .run(context -> assertThat(context.getBean(dev.klyo.springai.ToolGovernance.class).agentId())
                        .isEqualTo("billing"));
    }

    @Test
    void modeAndFailOpenAreApplied() {
        ScriptedChatModel model = new ScriptedChatModel(callTool("delete_file", "{\"path\":\"x\"}"), answer("ok"));
        runner(model)
                .withPropertyValues("klyo.mode=observe", "klyo.fail-open=true")
                .run(context -> {
                    assertThat(context.getBean(Klyo.class).policy().mode()).isEqualTo(Mode.OBSERVE);
                    Workshop workshop = context.getBean(Workshop.class);
                    context.getBean(ChatClient.Builder.class).build().prompt("go").tools(workshop).call().content();
                    assertThat(workshop.runs).containsExactly("delete_file x");
                });
    }

    @Test
    void aPolicyFilePathIsReadFromDisk() throws Exception {
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, """
                version: 1
                name: from-disk
                defaults: {tool: deny}
                """);
        ScriptedChatModel model = new ScriptedChatModel(callTool("list_files", "{}"), echoToolResults());
        runner(model)
                .withPropertyValues("klyo.policy=" + policy)
                .run(context -> {
                    assertThat(context.getBean(Klyo.class).policy().name()).isEqualTo("from-disk");
                    Workshop workshop = context.getBean(Workshop.class);
                    context.getBean(ChatClient.Builder.class).build().prompt("go").tools(workshop).call().content();
                    assertThat(workshop.runs).isEmpty();
                });
        runner(new ScriptedChatModel())
                .withPropertyValues("klyo.policy=" + policy.toUri())
                .run(context -> assertThat(context.getBean(Klyo.class).policy().name()).isEqualTo("from-disk"));
    }

    @Test
    void aMissingOrBrokenPolicyStopsTheApplication() throws Exception {
        runner(new ScriptedChatModel())
                .withPropertyValues("klyo.policy=classpath:no-such-policy.yaml")
                .run(context -> assertThat(context).hasFailed().getFailure().hasStackTraceContaining("no policy at"));
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, "version: 1\nrules:\n  - id: x\n    effect: permit\n");
        runner(new ScriptedChatModel())
                .withPropertyValues("klyo.policy=" + broken)
                .run(context -> assertThat(context).hasFailed().getFailure().hasStackTraceContaining("permit"));
    }

    @Test
    void disabledRegistersNothingAndToolsRunUngoverned() {
        ScriptedChatModel model = new ScriptedChatModel(callTool("delete_file", "{\"path\":\"x\"}"), answer("ok"));
        runner(model)
                .withPropertyValues("klyo.enabled=false")
                .run(context -> {
                    assertThat(context).doesNotHaveBean(Klyo.class).doesNotHaveBean(KlyoAdvisor.class);
                    assertThat(context.getBean(ToolCallingManager.class)).isNotInstanceOf(KlyoToolCallingManager.class);
                    Workshop workshop = context.getBean(Workshop.class);
                    context.getBean(ChatClient.Builder.class).build().prompt("go").tools(workshop).call().content();
                    assertThat(workshop.runs).containsExactly("delete_file x");
                });
    }
}
