package dev.baton.orchestrator.definition;

import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.Set;

/**
 * The one CEL environment of workflow definitions: which variables exist and their types. Both the
 * compiler and the runtime are immutable and thread-safe once built, so one instance serves all.
 */
final class CelEnvironment {
  static final String INPUT = "input";
  static final String STEPS = "steps";
  static final String ITEM = "item";
  static final String INDEX = "index";
  /** Only in the {@code if} of a recovery rule: the failure (code, message, attempt, ...). */
  static final String ERROR = "error";
  static final Set<String> VARIABLES = Set.of(INPUT, STEPS, ITEM, INDEX, ERROR);

  static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
      // has(), all(), exists(), exists_one(), map(), filter(): not on unless asked for.
      .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
      .addVar(INPUT, MapType.create(SimpleType.STRING, SimpleType.DYN))
      .addVar(STEPS, MapType.create(SimpleType.STRING, SimpleType.DYN))
      .addVar(ITEM, SimpleType.DYN)
      .addVar(INDEX, SimpleType.INT)
      .addVar(ERROR, MapType.create(SimpleType.STRING, SimpleType.DYN))
      .build();

  static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

  private CelEnvironment() {}
}
