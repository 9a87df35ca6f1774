package dev.warden.core.policy;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A rule's {@code when}: a CEL expression over {@code action} (the action as a map, see {@link
 * dev.warden.core.action.ActionJson}, plus {@code readOnly} and {@code mutating}) and {@code now}
 * (a timestamp; {@code now.getHours("Europe/Berlin")}, {@code now.getDayOfWeek("UTC")}). It must
 * evaluate to a boolean. Compiled once when the policy loads; evaluating it has no side effects and
 * its cost is bounded (comprehensions are capped).
 */
public final class Condition {
  private static final CelOptions OPTIONS =
      CelOptions.current()
          .enableHeterogeneousNumericComparisons(true)
          .evaluateCanonicalTypesToNativeValues(true)
          .comprehensionMaxIterations(1_000)
          .maxParseRecursionDepth(64)
          .build();

  private static final Cel CEL =
      CelFactory.standardCelBuilder()
          .setOptions(OPTIONS)
          // has(), all(), exists(), exists_one(), map() and filter(), as docs/policies.md says
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addVar("action", MapType.create(SimpleType.STRING, SimpleType.DYN))
          .addVar("now", SimpleType.TIMESTAMP)
          .setResultType(SimpleType.BOOL)
          .build();

  private final String expression;
  private final CelRuntime.Program program;

  private Condition(String expression, CelRuntime.Program program) {
    this.expression = expression;
    this.program = program;
  }

  /**
   * Compiles an expression.
   *
   * @throws InvalidConditionException with every issue and its line and column in the expression
   */
  public static Condition compile(String expression) {
    Objects.requireNonNull(expression, "expression");
    try {
      CelAbstractSyntaxTree ast = CEL.compile(expression).getAst();
      return new Condition(expression, CEL.createProgram(ast));
    } catch (CelValidationException e) {
      throw new InvalidConditionException(
          expression,
          e.getErrors().stream()
              .map(
                  issue ->
                      new InvalidConditionException.Issue(
                          Math.max(1, issue.getSourceLocation().getLine()),
                          Math.max(0, issue.getSourceLocation().getColumn()),
                          issue.getMessage()))
              .toList());
    } catch (dev.cel.common.CelException e) {
      throw new InvalidConditionException(
          expression, List.of(new InvalidConditionException.Issue(1, 0, e.getMessage())));
    }
  }

  public String expression() {
    return expression;
  }

  /**
   * Evaluates the condition.
   *
   * @param variables {@code action} and {@code now}; numbers must already be longs and doubles
   * @throws ConditionFailedException when evaluation fails (a missing key, a type error)
   */
  public boolean test(Map<String, ?> variables) {
    try {
      Object result = program.eval(variables);
      if (result instanceof Boolean value) {
        return value;
      }
      throw new ConditionFailedException(expression, "did not evaluate to a boolean: " + result);
    } catch (CelEvaluationException e) {
      throw new ConditionFailedException(expression, e.getMessage());
    }
  }

  @Override
  public String toString() {
    return expression;
  }
}
