package dev.baton.executor.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.proto.v1.StepError.BuiltinCode;
import dev.baton.sdk.handler.StepFailure;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Evaluates CEL expressions over {@code {input: <step input>}}. Each distinct expression is compiled
 * once; the cache is bounded (least recently used out) because expressions come from definitions,
 * which users create without limit.
 */
final class CelExpressions {
  private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
      .setStandardMacros(CelStandardMacro.STANDARD_MACROS) // has(), all(), exists(), map(), filter()
      .addVar("input", SimpleType.DYN)
      .build();
  private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

  private final Map<String, CelRuntime.Program> programs;

  CelExpressions(int maxCached) {
    this.programs = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, CelRuntime.Program> eldest) {
        return size() > maxCached;
      }
    };
  }

  /** @throws StepFailure INVALID_EXPRESSION (does not compile) or EXPRESSION_ERROR (fails on this input) */
  JsonNode evaluate(String field, String expression, JsonNode input) throws StepFailure {
    CelRuntime.Program program = program(field, expression);
    try {
      return CelValues.toJson(program.eval(Map.of("input", CelValues.fromJson(input))));
    } catch (CelEvaluationException e) {
      throw StepFailure.permanent(BuiltinCode.EXPRESSION_ERROR.name(), field + ": '" + expression + "' failed: " + e.getMessage());
    }
  }

  private CelRuntime.Program program(String field, String expression) throws StepFailure {
    synchronized (programs) {
      CelRuntime.Program cached = programs.get(expression);
      if (cached != null) {
        return cached;
      }
    }
    CelRuntime.Program program;
    try {
      program = RUNTIME.createProgram(COMPILER.compile(expression).getAst());
    } catch (CelValidationException e) {
      throw StepFailure.permanent(BuiltinCode.INVALID_EXPRESSION.name(), field + ": " + e.getMessage());
    } catch (CelEvaluationException e) {
      throw StepFailure.permanent(BuiltinCode.INVALID_EXPRESSION.name(), field + ": '" + expression + "': " + e.getMessage());
    }
    synchronized (programs) {
      programs.put(expression, program);
    }
    return program;
  }

  int cachedCount() {
    synchronized (programs) {
      return programs.size();
    }
  }
}
