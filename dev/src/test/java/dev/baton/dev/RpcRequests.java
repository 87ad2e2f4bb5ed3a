package dev.baton.dev;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import dev.baton.proto.internal.v1.TaskResult;
import dev.baton.proto.v1.Actor;
import dev.baton.proto.v1.AlertKind;
import dev.baton.proto.v1.AlertRule;
import dev.baton.proto.v1.FailedExecutionFilter;
import dev.baton.proto.v1.NotificationChannel;
import dev.baton.proto.v1.Role;
import io.grpc.MethodDescriptor;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The request of any RPC, built from its descriptor: every field gets what the table below says
 * for the objects named by some {@link Ids} (a tenant's, or ones that do not exist). A field the
 * table does not know fails the build, naming it, so a new RPC (or field) is covered as soon as
 * someone decides what it should name, and never silently left out. Entries are by field name
 * ("execution_id": whatever request has it) or by message and field ("GetWorkflowRequest.name").
 */
final class RpcRequests {
  /** Name of the spans the suite exports: whoever sends them, they claim the tenant of {@link Ids}. */
  static final String EXPORTED_SPAN = "cross-tenant-export";
  /** A field left at its default. */
  private static final Object UNSET = new Object();
  private static final SecureRandom RANDOM = new SecureRandom();

  /** What the requests name: a tenant and its objects. */
  record Ids(String tenant, String workflow, String executionId, String taskId, String keyId, String actor,
      String channel, String rule, String idempotencyKey) {
    /** Each identifier by name, to tell two answers about different objects apart only by these. */
    Map<String, String> named() {
      Map<String, String> named = new LinkedHashMap<>();
      named.put("tenant", tenant);
      named.put("workflow", workflow);
      named.put("execution", executionId);
      named.put("task", taskId);
      named.put("key", keyId);
      named.put("actor", actor);
      named.put("channel", channel);
      named.put("rule", rule);
      named.put("idempotency-key", idempotencyKey);
      return named;
    }
  }

  private final Map<String, Function<Ids, Object>> table = new LinkedHashMap<>();

  /**
   * @param pageTokens the tenant's own next-page tokens, by request message ("ListExecutionsRequest")
   * @param afterAlertEventId a WatchAlerts cursor before the tenant's alert events
   */
  RpcRequests(Map<String, String> pageTokens, long afterAlertEventId) {
    Actor actor = Actor.newBuilder().setName("cross-tenant-suite").setReason("is it refused?").build();
    // any request
    put("execution_id", Ids::executionId);
    put("workflow_name", Ids::workflow);
    put("step_id", ids -> "check");
    put("actor", ids -> actor);
    put("reason", ids -> "is it refused?");
    put("tenant", Ids::tenant);
    put("rule", Ids::rule);
    put("channel", Ids::channel);
    put("executor_id", ids -> "cross-tenant-executor");
    put("page_size", ids -> UNSET);
    put("filter", ids -> FailedExecutionFilter.newBuilder().setWorkflowName(ids.workflow()).build());
    pageTokens.forEach((message, token) -> put(message + ".page_token", ids -> token));
    // WorkflowService
    put("ApplyWorkflowRequest.definition", ids -> UNSET);
    put("ApplyWorkflowRequest.source_text",
        ids -> "name: " + ids.workflow() + "\nsteps:\n  - { id: check, handler: noop }\n");
    put("GetWorkflowRequest.name", Ids::workflow);
    put("GetWorkflowRequest.version", ids -> UNSET);
    put("ListWorkflowVersionsRequest.name", Ids::workflow);
    put("StartExecutionRequest.workflow_version", ids -> UNSET);
    put("StartExecutionRequest.input_json", ids -> "{\"valid\": true}");
    put("StartExecutionRequest.idempotency_key", Ids::idempotencyKey);
    put("ListExecutionsRequest.status", ids -> UNSET);
    put("ResumeStepRequest.input_json", ids -> "{\"valid\": true}");
    put("ResumeStepRequest.config_json", ids -> UNSET);
    put("SkipStepRequest.output_json", ids -> "{\"skipped\": true}");
    // a dry run: the tenant's own control call must not retry its failed executions for real either
    put("RetryFailedExecutionsRequest.all", ids -> UNSET);
    put("RetryFailedExecutionsRequest.limit", ids -> UNSET);
    put("RetryFailedExecutionsRequest.dry_run", ids -> true);
    // ExecutorService
    put("RegisterExecutorRequest.task_queues", ids -> UNSET);
    put("RegisterExecutorRequest.handlers", ids -> UNSET);
    put("ReportResultsRequest.results", ids -> List.of(TaskResult.newBuilder().setTaskId(ids.taskId())
        .setOutputJson("{\"forged\": true}").build()));
    put("HeartbeatRequest.task_ids", ids -> List.of(ids.taskId()));
    // NotificationService
    put("SetNotificationChannelRequest.channel", ids -> NotificationChannel.newBuilder().setName(ids.channel())
        .setUrl("http://127.0.0.1:1/cross-tenant").setSecret("cross-tenant-secret-0123456789abcdef")
        .setWorkflowName(ids.workflow()).build());
    put("DeleteNotificationChannelRequest.name", Ids::channel);
    // KeyService
    put("CreateApiKeyRequest.role", ids -> Role.ROLE_ADMIN.getValueDescriptor());
    put("CreateApiKeyRequest.name", ids -> "cross-tenant");
    put("CreateApiKeyRequest.expires_in", ids -> UNSET);
    put("ListApiKeysRequest.include_revoked", ids -> true);
    put("RotateApiKeyRequest.id", Ids::keyId);
    put("RotateApiKeyRequest.grace", ids -> UNSET);
    put("RevokeApiKeyRequest.id", Ids::keyId);
    // AuditService
    put("ListAuditEventsRequest.since", ids -> UNSET);
    put("ListAuditEventsRequest.actor", Ids::actor);
    put("ListAuditEventsRequest.limit", ids -> UNSET);
    // ProgressService
    put("WatchExecutionRequest.resume_after", ids -> UNSET);
    put("WatchExecutionsRequest.statuses", ids -> UNSET);
    put("WatchExecutionsRequest.limit", ids -> UNSET);
    // AnalyticsService, AlertService
    put("GetBottleneckReportRequest.workflow", Ids::workflow);
    put("GetBottleneckReportRequest.window", ids -> UNSET);
    put("PutAlertRuleRequest.rule", ids -> AlertRule.newBuilder().setName(ids.rule())
        .setKind(AlertKind.ALERT_KIND_SUCCESS_RATE).setWorkflow(ids.workflow()).setMinSamples(1000).build());
    put("DeleteAlertRuleRequest.name", Ids::rule);
    put("WatchAlertsRequest.after_event_id", ids -> afterAlertEventId);
    // OTLP TraceService
    put("ExportTraceServiceRequest.resource_spans", ids -> List.of(claimingSpans(ids)));
  }

  private void put(String field, Function<Ids, Object> value) {
    table.put(field, value);
  }

  /** The request of {@code method} naming the objects of {@code ids}. */
  Message build(MethodDescriptor<?, ?> method, Ids ids) {
    if (!(method.getRequestMarshaller() instanceof MethodDescriptor.PrototypeMarshaller<?> marshaller)
        || !(marshaller.getMessagePrototype() instanceof Message prototype)) {
      throw new AssertionError(method.getFullMethodName() + ": its request is not a protobuf message");
    }
    Message.Builder request = prototype.newBuilderForType();
    String type = request.getDescriptorForType().getName();
    List<String> unknown = new ArrayList<>();
    for (FieldDescriptor field : request.getDescriptorForType().getFields()) {
      Function<Ids, Object> value = table.getOrDefault(type + "." + field.getName(), table.get(field.getName()));
      if (value == null) {
        unknown.add(type + "." + field.getName());
        continue;
      }
      Object filled = value.apply(ids);
      if (filled != UNSET) {
        request.setField(field, Objects.requireNonNull(filled, field.getFullName()));
      }
    }
    if (!unknown.isEmpty()) {
      throw new AssertionError(method.getFullMethodName() + ": the cross-tenant suite does not know what to send in "
          + unknown + " (add them to RpcRequests)");
    }
    return request.build();
  }

  /** An export of one span that claims to be of the tenant, its workflow and execution. */
  private static ResourceSpans claimingSpans(Ids ids) {
    long now = System.currentTimeMillis() * 1_000_000L;
    Span span = Span.newBuilder().setTraceId(random(16)).setSpanId(random(8)).setName(EXPORTED_SPAN)
        .setKind(Span.SpanKind.SPAN_KIND_INTERNAL).setStartTimeUnixNano(now - 1_000_000L).setEndTimeUnixNano(now)
        .addAttributes(attribute("baton.tenant", ids.tenant()))
        .addAttributes(attribute("baton.workflow", ids.workflow()))
        .addAttributes(attribute("baton.execution_id", ids.executionId()))
        .build();
    return ResourceSpans.newBuilder()
        .setResource(Resource.newBuilder().addAttributes(attribute("service.name", "cross-tenant-suite")))
        .addScopeSpans(ScopeSpans.newBuilder().addSpans(span))
        .build();
  }

  private static KeyValue attribute(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
  }

  private static ByteString random(int bytes) {
    byte[] value = new byte[bytes];
    RANDOM.nextBytes(value);
    return ByteString.copyFrom(value);
  }
}
