package dev.klyo.action;

import java.util.Map;

/**
 * One thing an agent is about to do, evaluated before it executes. Each kind is its own
 * record; {@link #attributes()} is the flat view that conditions, audit events and the CLI use.
 */
public sealed interface Action
        permits HttpRequest, NetworkConnect, DnsLookup, FileAccess, ProcessStart, SqlStatement, ToolCall,
        ModelExchange {

    ActionKind kind();

    AgentContext context();

    /** Attribute name to value (strings, numbers, booleans, lists, maps); stable keys, documented. */
    Map<String, Object> attributes();

    /** A short human-readable target: a URL, a path, a command line, a tool name. */
    String target();
}
