package dev.baton.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Timestamp;
import dev.baton.orchestrator.deadletter.DeadLetterFilter;
import dev.baton.orchestrator.error.OrchestratorException;
import dev.baton.proto.v1.Execution;
import dev.baton.proto.v1.FailedExecutionFilter;
import dev.baton.proto.v1.RetryFailedExecutionsRequest;
import io.grpc.Status;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DeadLetterRequestsTest {
  private static final Timestamp T1 = Timestamp.newBuilder().setSeconds(1_700_000_000L).build();
  private static final Timestamp T2 = Timestamp.newBuilder().setSeconds(1_700_003_600L).build();

  @Test
  void emptyFieldsMatchEverythingAndSetOnesBecomeTheFilter() {
    assertThat(DeadLetterRequests.filter(FailedExecutionFilter.getDefaultInstance()).isEmpty()).isTrue();
    DeadLetterFilter filter = DeadLetterRequests.filter(FailedExecutionFilter.newBuilder().setWorkflowName("leads")
        .setErrorCode("HTTP_503").setFailedAfter(T1).setFailedBefore(T2).build());
    assertThat(filter).isEqualTo(new DeadLetterFilter("leads", "HTTP_503", Instant.ofEpochSecond(1_700_000_000L),
        Instant.ofEpochSecond(1_700_003_600L)));
  }

  @Test
  void aTimeRangeThatEndsBeforeItStartsNamesFailedBefore() {
    invalid(() -> DeadLetterRequests.filter(FailedExecutionFilter.newBuilder().setFailedAfter(T2).setFailedBefore(T1)
        .build()), "filter.failed_before: 2023-11-14T22:13:20Z (expected: after filter.failed_after");
    invalid(() -> DeadLetterRequests.filter(FailedExecutionFilter.newBuilder().setFailedAfter(T1).setFailedBefore(T1)
        .build()), "filter.failed_before:");
  }

  @Test
  void anInvalidTimestampNamesItsField() {
    invalid(() -> DeadLetterRequests.filter(FailedExecutionFilter.newBuilder()
        .setFailedAfter(Timestamp.newBuilder().setSeconds(1).setNanos(-5)).build()), "filter.failed_after: 1s -5ns");
    invalid(() -> DeadLetterRequests.filter(FailedExecutionFilter.newBuilder()
        .setFailedBefore(Timestamp.newBuilder().setSeconds(Long.MAX_VALUE)).build()), "filter.failed_before:");
  }

  @Test
  void aBulkRetryNeedsAFilterOrAllButNotBoth() {
    invalid(() -> DeadLetterRequests.retryScope(RetryFailedExecutionsRequest.getDefaultInstance()), "filter: required");
    invalid(() -> DeadLetterRequests.retryScope(RetryFailedExecutionsRequest.newBuilder().setAll(true)
        .setFilter(FailedExecutionFilter.newBuilder().setErrorCode("X")).build()), "all: true together with a filter");
    assertThat(DeadLetterRequests.retryScope(RetryFailedExecutionsRequest.newBuilder().setAll(true).build()).isEmpty())
        .isTrue();
    assertThat(DeadLetterRequests.retryScope(RetryFailedExecutionsRequest.newBuilder()
        .setFilter(FailedExecutionFilter.newBuilder().setErrorCode("X")).build()).errorCode()).isEqualTo("X");
  }

  @Test
  void theRetryLimitDefaultsTo100AndIsAtMost500() {
    assertThat(DeadLetterRequests.retryLimit(0)).isEqualTo(100);
    assertThat(DeadLetterRequests.retryLimit(500)).isEqualTo(500);
    invalid(() -> DeadLetterRequests.retryLimit(501), "limit: 501 (expected: 1..500)");
    invalid(() -> DeadLetterRequests.retryLimit(-1), "limit: -1 (expected: 1..500)");
  }

  @Test
  void aFailedPageTokenRoundTripsAndIsNotAnExecutionsToken() {
    UUID id = UUID.randomUUID();
    Execution last = Execution.newBuilder().setId(id.toString()).setEndTime(T1.toBuilder().setNanos(123_000)).build();
    String token = PageTokens.encodeFailed(last);
    assertThat(PageTokens.decodeFailed(token))
        .isEqualTo(new PageTokens.ExecutionCursor(Instant.ofEpochSecond(1_700_000_000L, 123_000), id));
    assertThat(PageTokens.decodeFailed("")).isNull();
    invalid(() -> PageTokens.decodeFailed(PageTokens.encodeExecution(last)), "page_token:");
    invalid(() -> PageTokens.decodeExecution(token), "page_token:");
  }

  private static void invalid(Runnable call, String message) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(OrchestratorException.class, e -> {
      assertThat(e.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
      assertThat(e.getMessage()).startsWith(message);
    });
  }
}
