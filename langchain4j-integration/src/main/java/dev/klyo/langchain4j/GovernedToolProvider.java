package dev.klyo.langchain4j;

import dev.langchain4j.service.tool.AiServiceTool;
import dev.langchain4j.service.tool.ToolProvider;
import dev.langchain4j.service.tool.ToolProviderRequest;
import dev.langchain4j.service.tool.ToolProviderResult;
import java.util.ArrayList;
import java.util.List;

/**
 * A tool provider whose tools are all governed. Dynamic providers stay dynamic: LangChain4j asks
 * them again before every model call, and every tool they return is wrapped again.
 */
final class GovernedToolProvider implements ToolProvider {

    private final KlyoToolGovernor governor;
    private final ToolProvider delegate;
    private final String server;

    GovernedToolProvider(KlyoToolGovernor governor, ToolProvider delegate, String server) {
        this.governor = governor;
        this.delegate = delegate;
        this.server = server;
    }

    @Override
    public ToolProviderResult provideTools(ToolProviderRequest request) {
        ToolProviderResult result = delegate.provideTools(request);
        if (result == null) {
            return null;
        }
        List<AiServiceTool> governed = new ArrayList<>();
        for (AiServiceTool tool : result.aiServiceTools()) {
            governed.add(governor.govern(tool, server));
        }
        return new ToolProviderResult(governed);
    }

    @Override
    public boolean isDynamic() {
        return delegate.isDynamic();
    }
}
