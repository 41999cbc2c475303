package io.jiti.platform.deploy;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import io.jiti.platform.PlatformException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CEL as guardrails speak it: an expression over {@code particles}, {@code environment}, {@code template},
 * {@code team}, {@code target} and {@code kind} (see {@link PolicyInput}) that must be true. Compiled programs
 * are kept by expression.
 */
public final class CelPolicies {
    /** The variables an expression sees. */
    public static final String VARIABLES = "particles, environment, template, team, target, kind";
    private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS).addVar("particles", SimpleType.DYN).addVar("environment", SimpleType.DYN).addVar("template", SimpleType.DYN)
            .addVar("team", SimpleType.STRING).addVar("target", SimpleType.STRING).addVar("kind", SimpleType.STRING)
            .setResultType(SimpleType.BOOL).build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();
    private static final int MAX_LENGTH = 4096;
    private final Map<String, CelRuntime.Program> programs = new ConcurrentHashMap<>();

    /** Compiles {@code expression}; its mistakes are bad input in {@code cel}. */
    public CelRuntime.Program compile(String expression) {
        if (expression == null || expression.isBlank()) {
            throw PlatformException.badInput("cel", "cel is required: a CEL expression that is true when a deployment"
                    + " may go on (variables: " + VARIABLES + ")");
        }
        if (expression.length() > MAX_LENGTH) {
            throw PlatformException.badInput("cel", "a policy expression is at most " + MAX_LENGTH + " characters");
        }
        CelRuntime.Program cached = programs.get(expression);
        if (cached != null) {
            return cached;
        }
        try {
            CelAbstractSyntaxTree ast = COMPILER.compile(expression).getAst();
            CelRuntime.Program program = RUNTIME.createProgram(ast);
            if (programs.size() < 1000) {
                programs.put(expression, program);
            }
            return program;
        } catch (CelValidationException e) {
            throw PlatformException.badInput("cel", "not a boolean CEL expression over " + VARIABLES + ": "
                    + e.getMessage());
        } catch (CelEvaluationException | RuntimeException e) {
            throw PlatformException.badInput("cel", "cannot compile: " + e.getMessage());
        }
    }

    /** Whether {@code expression} holds for {@code input}; an expression that cannot be evaluated does not hold. */
    public Outcome evaluate(String expression, PolicyInput input) {
        try {
            Object result = compile(expression).eval(input.variables());
            return new Outcome(Boolean.TRUE.equals(result), null);
        } catch (CelEvaluationException | PlatformException e) {
            return new Outcome(false, e.getMessage());
        }
    }

    /**
     * One evaluation.
     *
     * @param holds whether the expression was true
     * @param error why it could not be evaluated, or null
     */
    public record Outcome(boolean holds, String error) {
    }
}
