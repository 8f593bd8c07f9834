package dev.klyo.examples.springai;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The assistant's tools, working on a real directory: a denied delete leaves the file on disk. */
@Component
public class Workspace {

    private final Path root;

    public Workspace(@Value("${desk.workspace:target/workspace}") Path root) throws IOException {
        this.root = Files.createDirectories(root);
        Files.writeString(root.resolve("old-report.pdf"), "quarterly numbers");
        Files.writeString(root.resolve("notes.txt"), "call the customer back");
    }

    public Path root() {
        return root;
    }

    @Tool(name = "list_files", description = "Lists the files in the shared workspace")
    public String listFiles() throws IOException {
        try (Stream<Path> files = Files.list(root)) {
            return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.joining(", "));
        }
    }

    @Tool(name = "delete_file", description = "Deletes a file from the shared workspace")
    public String deleteFile(@ToolParam(description = "file name") String name) throws IOException {
        Files.delete(root.resolve(name).normalize());
        return "deleted " + name;
    }
}
