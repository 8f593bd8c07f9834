package dev.klyo.examples.langchain4j;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The shop's tools. They record what they did, so the example can show what really happened. */
public final class ShopTools {

    private final List<String> cancelled = new CopyOnWriteArrayList<>();

    @Tool(name = "get_order", value = "Looks an order up by its id")
    public String getOrder(@P("the order id") String id) {
        return "order " + id + ": 1 desk lamp, shipped 2026-11-18 to jane.doe@example.com, tracking ZX-88213";
    }

    @Tool(name = "cancel_order", value = "Cancels an order and refunds it")
    public String cancelOrder(@P("the order id") String id) {
        cancelled.add(id);
        return "order " + id + " cancelled and refunded";
    }

    /** Orders the tool actually cancelled. */
    public List<String> cancelled() {
        return List.copyOf(cancelled);
    }
}
