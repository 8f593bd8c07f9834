package dev.klyo.langchain4j;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.service.tool.AiServiceTool;
import dev.langchain4j.service.tool.ToolExecutor;
import dev.langchain4j.service.tool.ToolProvider;
import dev.langchain4j.service.tool.ToolService;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The AI service's tool registry with every registration path governed: whatever reaches
 * {@code AiServices.tools(...)} or {@code toolProvider(...)}, in any order, runs through a
 * {@link KlyoToolGovernor} executor. LangChain4j marks {@link ToolService} internal; this class
 * overrides only its registration methods and checks after each one that the registry really
 * holds governed executors, so a change in LangChain4j fails loudly instead of leaving a tool
 * ungoverned.
 */
final class GovernedToolService extends ToolService {

    private final KlyoToolGovernor governor;

    GovernedToolService(KlyoToolGovernor governor) {
        this.governor = governor;
    }

    @Override
    public void toolProvider(ToolProvider toolProvider) {
        super.toolProvider(toolProvider == null ? null : governor.toolProvider(toolProvider));
    }

    @Override
    public void toolProviders(Collection<ToolProvider> toolProviders) {
        super.toolProviders(toolProviders == null ? null : toolProviders.stream().map(governor::toolProvider).toList());
    }

    @Override
    public void tools(Map<ToolSpecification, ToolExecutor> tools) {
        super.tools(governor.tools(tools));
        verifyGoverned();
    }

    @Override
    public void tools(Map<ToolSpecification, ToolExecutor> tools, Set<String> immediateReturnToolNames) {
        super.tools(governor.tools(tools), immediateReturnToolNames);
        verifyGoverned();
    }

    @Override
    public void tools(List<AiServiceTool> tools) {
        super.tools(governor.tools(tools));
        verifyGoverned();
    }

    @Override
    public void tools(Collection<Object> objectsWithTools) {
        // The superclass scans the objects itself (and links @CompensateFor methods to the raw
        // executors), so the executors are governed in place afterwards.
        super.tools(objectsWithTools);
        Map<String, ToolExecutor> registry = toolExecutors();
        for (ToolSpecification spec : toolSpecifications()) {
            registry.computeIfPresent(spec.name(), (name, executor) -> governor.govern(spec, executor));
        }
        verifyGoverned();
    }

    private void verifyGoverned() {
        for (Map.Entry<String, ToolExecutor> e : toolExecutors().entrySet()) {
            if (!(e.getValue() instanceof GovernedToolExecutor)) {
                throw new IllegalStateException("Klyo could not govern tool '" + e.getKey()
                        + "': this LangChain4j version's ToolService no longer exposes its live registry");
            }
        }
    }
}
