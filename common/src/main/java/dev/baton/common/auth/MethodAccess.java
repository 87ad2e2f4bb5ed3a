package dev.baton.common.auth;

import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one table per service that says which {@link Access} each RPC takes. It is built from the
 * service descriptors the server binds: an RPC without an entry (or an entry naming no RPC) fails
 * the build of the table, so a new RPC cannot be served before someone decides who may call it.
 */
public final class MethodAccess {
  private final Map<String, Access> byFullMethodName;

  private MethodAccess(Map<String, Access> byFullMethodName) {
    this.byFullMethodName = Map.copyOf(byFullMethodName);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The access a full method name ("baton.v1.WorkflowService/StartExecution") takes. */
  public Optional<Access> of(String fullMethodName) {
    return Optional.ofNullable(byFullMethodName.get(fullMethodName));
  }

  public Set<String> methods() {
    return byFullMethodName.keySet();
  }

  public static final class Builder {
    private final Map<String, Access> entries = new HashMap<>();

    /** Every method of {@code service}, by its simple name ("StartExecution"), with its access. */
    public Builder service(ServiceDescriptor service, Map<String, Access> byMethodName) {
      Set<String> missing = new TreeSet<>();
      Set<String> unknown = new TreeSet<>(byMethodName.keySet());
      for (MethodDescriptor<?, ?> method : service.getMethods()) {
        String simple = method.getBareMethodName();
        unknown.remove(simple);
        Access access = byMethodName.get(simple);
        if (access == null) {
          missing.add(simple);
        } else {
          entries.put(method.getFullMethodName(), access);
        }
      }
      if (!missing.isEmpty() || !unknown.isEmpty()) {
        throw new IllegalArgumentException(service.getName() + ": "
            + (missing.isEmpty() ? "" : "no access decided for " + missing)
            + (missing.isEmpty() || unknown.isEmpty() ? "" : "; ")
            + (unknown.isEmpty() ? "" : "access given for methods it does not have " + unknown));
      }
      return this;
    }

    public MethodAccess build() {
      return new MethodAccess(entries);
    }
  }
}
