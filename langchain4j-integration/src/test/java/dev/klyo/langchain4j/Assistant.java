package dev.klyo.langchain4j;

import dev.langchain4j.invocation.InvocationParameters;
import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.UserMessage;

interface Assistant {

    String chat(@MemoryId String session, @UserMessage String message);

    String chatAs(@MemoryId String session, @UserMessage String message, InvocationParameters parameters);
}
