package dev.klyo.examples.langchain4j;

import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.Result;
import dev.langchain4j.service.SystemMessage;
import dev.langchain4j.service.UserMessage;

/** The AI service: LangChain4j implements it, the scripted model answers, Klyo governs its tools. */
public interface ShopAssistant {

    @SystemMessage("You are the customer service assistant of a small shop.")
    Result<String> chat(@MemoryId String conversation, @UserMessage String message);
}
