package dev.baton.cli;

import com.google.protobuf.Message;
import dev.baton.proto.v1.ApplyWorkflowRequest;
import dev.baton.proto.v1.ApplyWorkflowResponse;
import dev.baton.proto.v1.CancelExecutionRequest;
import dev.baton.proto.v1.Execution;
import dev.baton.proto.v1.GetExecutionRequest;
import dev.baton.proto.v1.GetWorkflowRequest;
import dev.baton.proto.v1.ListExecutionsRequest;
import dev.baton.proto.v1.ListExecutionsResponse;
import dev.baton.proto.v1.ListWorkflowVersionsRequest;
import dev.baton.proto.v1.ListWorkflowVersionsResponse;
import dev.baton.proto.v1.ListWorkflowsRequest;
import dev.baton.proto.v1.ListWorkflowsResponse;
import dev.baton.proto.v1.StartExecutionRequest;
import dev.baton.proto.v1.StartExecutionResponse;
import dev.baton.proto.v1.Workflow;
import dev.baton.proto.v1.WorkflowServiceGrpc;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;

/**
 * A stand-in for the orchestrator's WorkflowService on a real gRPC server (random port), answering
 * with canned responses and recording what it was asked. It tests the CLI's parsing, rendering and
 * exit codes only; the CLI against the real orchestrator is tested end to end elsewhere.
 */
final class FakeWorkflowApi extends WorkflowServiceGrpc.WorkflowServiceImplBase implements AutoCloseable {
  final List<Message> requests = Collections.synchronizedList(new ArrayList<>());
  /** The authorization header of each call, in order. */
  final List<String> authorizations;

  volatile Status failure;
  volatile ApplyWorkflowResponse applyResponse = ApplyWorkflowResponse.getDefaultInstance();
  volatile StartExecutionResponse startResponse = StartExecutionResponse.getDefaultInstance();
  /** GetExecution answers these in turn, repeating the last one. */
  final Deque<Execution> executions = new ArrayDeque<>();
  volatile ListExecutionsResponse listResponse = ListExecutionsResponse.getDefaultInstance();
  final Deque<ListWorkflowsResponse> workflowPages = new ArrayDeque<>();
  volatile ListWorkflowVersionsResponse versionsResponse = ListWorkflowVersionsResponse.getDefaultInstance();
  volatile Workflow workflow = Workflow.getDefaultInstance();
  volatile Execution cancelResponse = Execution.getDefaultInstance();
  /** What every intervention call (resume, retry, skip, fail, pause, unpause) answers. */
  volatile Execution actionResponse = Execution.getDefaultInstance();
  volatile dev.baton.proto.v1.ListInterventionsResponse interventionsResponse =
      dev.baton.proto.v1.ListInterventionsResponse.getDefaultInstance();

  private final FakeServer server;

  FakeWorkflowApi() {
    server = new FakeServer(this);
    authorizations = server.authorizations;
  }

  String target() {
    return server.target();
  }

  /** Requests of one type, in order. */
  <T extends Message> List<T> requests(Class<T> type) {
    synchronized (requests) {
      return requests.stream().filter(type::isInstance).map(type::cast).toList();
    }
  }

  @Override
  public void applyWorkflow(ApplyWorkflowRequest request, StreamObserver<ApplyWorkflowResponse> response) {
    answer(request, applyResponse, response);
  }

  @Override
  public void startExecution(StartExecutionRequest request, StreamObserver<StartExecutionResponse> response) {
    answer(request, startResponse, response);
  }

  @Override
  public void getExecution(GetExecutionRequest request, StreamObserver<Execution> response) {
    Execution next;
    synchronized (executions) {
      next = executions.size() > 1 ? executions.poll() : executions.peek();
    }
    answer(request, next, response);
  }

  @Override
  public void listExecutions(ListExecutionsRequest request, StreamObserver<ListExecutionsResponse> response) {
    answer(request, listResponse, response);
  }

  @Override
  public void listWorkflows(ListWorkflowsRequest request, StreamObserver<ListWorkflowsResponse> response) {
    ListWorkflowsResponse page;
    synchronized (workflowPages) {
      page = workflowPages.isEmpty() ? ListWorkflowsResponse.getDefaultInstance() : workflowPages.poll();
    }
    answer(request, page, response);
  }

  @Override
  public void listWorkflowVersions(ListWorkflowVersionsRequest request,
      StreamObserver<ListWorkflowVersionsResponse> response) {
    answer(request, versionsResponse, response);
  }

  @Override
  public void getWorkflow(GetWorkflowRequest request, StreamObserver<Workflow> response) {
    answer(request, workflow, response);
  }

  @Override
  public void cancelExecution(CancelExecutionRequest request, StreamObserver<Execution> response) {
    answer(request, cancelResponse, response);
  }

  @Override
  public void listInterventions(dev.baton.proto.v1.ListInterventionsRequest request,
      StreamObserver<dev.baton.proto.v1.ListInterventionsResponse> response) {
    answer(request, interventionsResponse, response);
  }

  @Override
  public void resumeStep(dev.baton.proto.v1.ResumeStepRequest request, StreamObserver<Execution> response) {
    answer(request, actionResponse, response);
  }

  @Override
  public void retryStep(dev.baton.proto.v1.RetryStepRequest request, StreamObserver<Execution> response) {
    answer(request, actionResponse, response);
  }

  @Override
  public void skipStep(dev.baton.proto.v1.SkipStepRequest request, StreamObserver<Execution> response) {
    answer(request, actionResponse, response);
  }

  @Override
  public void failStep(dev.baton.proto.v1.FailStepRequest request, StreamObserver<Execution> response) {
    answer(request, actionResponse, response);
  }

  @Override
  public void pauseExecution(dev.baton.proto.v1.PauseExecutionRequest request, StreamObserver<Execution> response) {
    answer(request, actionResponse, response);
  }

  @Override
  public void resumeExecution(dev.baton.proto.v1.ResumeExecutionRequest request, StreamObserver<Execution> response) {
    answer(request, actionResponse, response);
  }

  private <T> void answer(Message request, T reply, StreamObserver<T> response) {
    requests.add(request);
    Status status = failure;
    if (status != null) {
      response.onError(status.asRuntimeException());
    } else if (reply == null) {
      response.onError(Status.NOT_FOUND.withDescription("no canned response").asRuntimeException());
    } else {
      response.onNext(reply);
      response.onCompleted();
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
