package dev.klyo.springai;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;

/** Tools with side effects the tests can check: every run is recorded with what it received. */
public class Workshop {

    public final List<String> runs = new CopyOnWriteArrayList<>();
    public final List<Map<String, Object>> contexts = new CopyOnWriteArrayList<>();

    @Tool(name = "list_files", description = "Lists the files in the workspace")
    public String listFiles() {
        runs.add("list_files");
        return "notes.txt, plan.md";
    }

    @Tool(name = "delete_file", description = "Deletes a file")
    public String deleteFile(@ToolParam(description = "path") String path) {
        runs.add("delete_file " + path);
        return "deleted " + path;
    }

    @Tool(name = "send_note", description = "Sends a note to a colleague")
    public String sendNote(String text) {
        runs.add("send_note " + text);
        return "sent: " + text;
    }

    @Tool(name = "deploy", description = "Deploys the service")
    public String deploy(String service, ToolContext context) {
        runs.add("deploy " + service);
        contexts.add(context.getContext());
        return "deployed " + service;
    }
}
