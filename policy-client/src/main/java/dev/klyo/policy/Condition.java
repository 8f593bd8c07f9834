package dev.klyo.policy;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.Map;

/**
 * A rule's {@code when:} expression in CEL, compiled once at load time and type-checked to
 * return a boolean, with CEL's string extension functions ({@code lowerAscii}, {@code split},
 * {@code replace}, ...). Variables: {@code action} (the action's attributes plus {@code kind}),
 * {@code context} (principal, agentId, sessionId, groups) and {@code session} (session state).
 */
public final class Condition {

    private static final MapType STRING_TO_DYN = MapType.create(SimpleType.STRING, SimpleType.DYN);
    private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addLibraries(CelExtensions.strings())
            .addVar("action", STRING_TO_DYN)
            .addVar("context", STRING_TO_DYN)
            .addVar("session", STRING_TO_DYN)
            .setResultType(SimpleType.BOOL)
            .build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder()
            .addLibraries(CelExtensions.strings())
            .build();

    private final String source;
    private final CelRuntime.Program program;
    private final ConditionReferences references;

    private Condition(String source, CelRuntime.Program program) {
        this.source = source;
        this.program = program;
        this.references = ConditionReferences.of(source);
    }

    /** A compile problem with its 1-based position inside the expression. */
    public static final class CompileException extends Exception {
        private final int line;
        private final int column;

        CompileException(String message, int line, int column) {
            super(message);
            this.line = line;
            this.column = column;
        }

        public int line() {
            return line;
        }

        public int column() {
            return column;
        }
    }

    public static Condition compile(String expression) throws CompileException {
        CelValidationResult result = COMPILER.compile(expression);
        if (result.hasError()) {
            CelIssue issue = result.getErrors().get(0);
            int line = Math.max(1, issue.getSourceLocation().getLine());
            int column = Math.max(0, issue.getSourceLocation().getColumn()) + 1;
            throw new CompileException(issue.getMessage(), line, column);
        }
        try {
            CelAbstractSyntaxTree ast = result.getAst();
            return new Condition(expression, RUNTIME.createProgram(ast));
        } catch (CelValidationException | CelEvaluationException e) {
            throw new CompileException(e.getMessage(), 1, 1);
        }
    }

    /**
     * Evaluates against variables {@code action}, {@code context} and {@code session}.
     *
     * @throws CelEvaluationException when the expression fails at run time (a missing key, a
     *         type error); callers decide which way that counts
     */
    public boolean test(Map<String, ?> variables) throws CelEvaluationException {
        return Boolean.TRUE.equals(program.eval(variables));
    }

    public String source() {
        return source;
    }

    /** The variables this condition reads, so callers build only those. */
    public ConditionReferences references() {
        return references;
    }

    @Override
    public String toString() {
        return source;
    }
}
