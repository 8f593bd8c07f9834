package dev.klyo.springai.boot;

import dev.klyo.springai.KlyoToolCallingManager;
import dev.klyo.springai.ToolGovernance;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.ai.model.tool.ToolCallingManager;

/**
 * Wraps every {@link ToolCallingManager} bean, Spring AI's own or the application's, so the
 * tools it runs are governed even for chat clients without Klyo's advisor and for
 * applications that execute tool calls themselves.
 */
final class GovernedToolCallingManagerPostProcessor implements BeanPostProcessor {

    private final ObjectProvider<ToolGovernance> governance;

    GovernedToolCallingManagerPostProcessor(ObjectProvider<ToolGovernance> governance) {
        this.governance = governance;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof ToolCallingManager manager && !(bean instanceof KlyoToolCallingManager)) {
            return new KlyoToolCallingManager(manager, governance.getObject());
        }
        return bean;
    }
}
