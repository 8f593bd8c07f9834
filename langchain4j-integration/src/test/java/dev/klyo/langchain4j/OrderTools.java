package dev.klyo.langchain4j;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test tools that record every execution: the ground truth of what ran, with the arguments they got. */
final class OrderTools {

    final List<String> executed = new CopyOnWriteArrayList<>();

    @Tool(name = "get_order", value = "Looks an order up")
    String getOrder(@P("order id") String id) {
        executed.add("get_order:" + id);
        return "order " + id + ": 2 books, shipped";
    }

    @Tool(name = "delete_order", value = "Deletes an order")
    String deleteOrder(@P("order id") String id) {
        executed.add("delete_order:" + id);
        return "order " + id + " deleted";
    }
}
