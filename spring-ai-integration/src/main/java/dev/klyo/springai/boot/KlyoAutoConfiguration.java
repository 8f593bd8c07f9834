package dev.klyo.springai.boot;

import dev.klyo.Klyo;
import dev.klyo.policy.PolicyException;
import dev.klyo.springai.KlyoAdvisor;
import dev.klyo.springai.ToolGovernance;
import java.io.IOException;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.ChatClientCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

/**
 * Governs Spring AI from properties alone: loads the policy named by {@code klyo.policy}, adds
 * {@link KlyoAdvisor} to every auto-configured {@code ChatClient.Builder}, and wraps every
 * {@code ToolCallingManager} bean.
 */
@AutoConfiguration
@ConditionalOnClass(ChatClient.class)
@ConditionalOnBooleanProperty(name = "klyo.enabled", matchIfMissing = true)
@EnableConfigurationProperties(KlyoProperties.class)
public class KlyoAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Klyo klyo(KlyoProperties properties, ResourceLoader resources) throws IOException, PolicyException {
        Klyo.Builder builder = Klyo.builder()
                .policy(PolicySource.load(properties.getPolicy(), resources))
                .mode(properties.getMode())
                .failOpen(properties.isFailOpen());
        if (properties.getAuditFile() != null) {
            builder.auditFile(properties.getAuditFile());
        }
        return builder.build();
    }

    @Bean
    @ConditionalOnMissingBean
    ToolGovernance klyoToolGovernance(Klyo klyo, KlyoProperties properties, Environment environment) {
        String agentId = properties.getAgentId() != null ? properties.getAgentId()
                : environment.getProperty("spring.application.name", "");
        return new ToolGovernance(klyo, agentId);
    }

    @Bean
    @ConditionalOnMissingBean
    KlyoAdvisor klyoAdvisor(ToolGovernance governance) {
        return new KlyoAdvisor(governance);
    }

    @Bean
    ChatClientCustomizer klyoChatClientCustomizer(KlyoAdvisor advisor) {
        return builder -> builder.defaultAdvisors(advisor);
    }

    @Bean
    static GovernedToolCallingManagerPostProcessor klyoToolCallingManagerPostProcessor(
            ObjectProvider<ToolGovernance> governance) {
        return new GovernedToolCallingManagerPostProcessor(governance);
    }
}
