package dev.klyo.springai;

import dev.klyo.Klyo;
import dev.klyo.session.PromptInjectionScenariosContract;
import dev.klyo.session.Scenario;

/** The prompt-injection traces replayed through Spring AI's real tool loop (a ChatClient). */
class PromptInjectionScenariosTest extends PromptInjectionScenariosContract {

    @Override
    protected Replay replay(Klyo klyo, Scenario scenario) {
        ScenarioReplay replay = new ScenarioReplay(klyo, scenario);
        return new Replay(replay.answer, replay.executed);
    }
}
