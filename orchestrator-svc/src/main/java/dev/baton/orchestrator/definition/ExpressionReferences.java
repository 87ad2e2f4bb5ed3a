package dev.baton.orchestrator.definition;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.ast.CelExpr.ExprKind.Kind;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.navigation.CelNavigableExpr;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an expression reads: which of the variables (input, steps, item, index) and which steps by id.
 *
 * <p>Found by walking the checked AST rather than by a regex over the text, so that a string literal
 * like {@code 'steps.x'} is not mistaken for a reference. Recognised step references are the static
 * forms {@code steps.<id>} and {@code steps['<id>']} (the second is needed for ids with '-'); a
 * dynamic one such as {@code steps[input.k]} cannot be checked when the definition is applied and
 * fails at run time if the step has not finished. A comprehension variable that shadows one of the
 * names (e.g. {@code list.map(item, ...)}) is not counted as a use.
 */
record ExpressionReferences(Set<String> variables, Set<String> steps) {
  static ExpressionReferences of(CelAbstractSyntaxTree ast) {
    Set<String> variables = new TreeSet<>();
    Set<String> steps = new TreeSet<>();
    CelNavigableAst.fromAst(ast).getRoot().allNodes()
        .filter(node -> node.getKind() == Kind.IDENT)
        .filter(node -> CelEnvironment.VARIABLES.contains(node.expr().ident().name()))
        .filter(node -> !shadowed(node, node.expr().ident().name()))
        .forEach(node -> {
          String name = node.expr().ident().name();
          variables.add(name);
          if (name.equals(CelEnvironment.STEPS)) {
            stepAccessedThrough(node).ifPresent(steps::add);
          }
        });
    return new ExpressionReferences(Set.copyOf(variables), Set.copyOf(steps));
  }

  private static Optional<String> stepAccessedThrough(CelNavigableExpr stepsIdent) {
    Optional<CelNavigableExpr> parent = stepsIdent.parent();
    if (parent.isEmpty()) {
      return Optional.empty();
    }
    CelExpr access = parent.get().expr();
    if (access.getKind() == Kind.SELECT && access.select().operand().id() == stepsIdent.id()) {
      return Optional.of(access.select().field());
    }
    if (access.getKind() == Kind.CALL && access.call().function().equals("_[_]")
        && access.call().args().get(0).id() == stepsIdent.id()) {
      CelExpr key = access.call().args().get(1);
      if (key.getKind() == Kind.CONSTANT && key.constant().getKind() == CelConstant.Kind.STRING_VALUE) {
        return Optional.of(key.constant().stringValue());
      }
    }
    return Optional.empty();
  }

  private static boolean shadowed(CelNavigableExpr node, String name) {
    CelNavigableExpr child = node;
    for (Optional<CelNavigableExpr> up = node.parent(); up.isPresent(); child = up.get(), up = up.get().parent()) {
      CelExpr expr = up.get().expr();
      // The range a comprehension iterates over is outside the scope of its own variables.
      if (expr.getKind() == Kind.COMPREHENSION && child.id() != expr.comprehension().iterRange().id()
          && (name.equals(expr.comprehension().iterVar()) || name.equals(expr.comprehension().iterVar2())
              || name.equals(expr.comprehension().accuVar()))) {
        return true;
      }
    }
    return false;
  }
}
