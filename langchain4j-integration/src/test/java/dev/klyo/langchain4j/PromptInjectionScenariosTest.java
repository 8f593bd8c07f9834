package dev.klyo.langchain4j;

import dev.klyo.Klyo;
import dev.klyo.session.PromptInjectionScenariosContract;
import dev.klyo.session.Scenario;

/** The prompt-injection traces replayed through LangChain4j's real tool loop (an AI service). */
class PromptInjectionScenariosTest extends PromptInjectionScenariosContract {

    @Override
    protected Replay replay(Klyo klyo, Scenario scenario) {
        ScenarioReplay replay = new ScenarioReplay(klyo, scenario);
        return new Replay(replay.answer, replay.executed);
    }
}
