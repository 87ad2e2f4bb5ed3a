package dev.baton.cli;

import com.google.protobuf.Message;
import dev.baton.proto.v1.ApiKey;
import dev.baton.proto.v1.CreateApiKeyRequest;
import dev.baton.proto.v1.CreateApiKeyResponse;
import dev.baton.proto.v1.KeyServiceGrpc;
import dev.baton.proto.v1.ListApiKeysRequest;
import dev.baton.proto.v1.ListApiKeysResponse;
import dev.baton.proto.v1.RevokeApiKeyRequest;
import dev.baton.proto.v1.RotateApiKeyRequest;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A stand-in for the orchestrator's KeyService on a real gRPC server (random port): canned answers,
 * recorded requests and credentials. The KeyService itself is tested in the orchestrator.
 */
final class FakeKeyApi extends KeyServiceGrpc.KeyServiceImplBase implements AutoCloseable {
  final List<Message> requests = Collections.synchronizedList(new ArrayList<>());
  /** The authorization header of each call, in order. */
  final List<String> authorizations;

  volatile Status failure;
  /** What CreateApiKey and RotateApiKey answer. */
  volatile CreateApiKeyResponse issued = CreateApiKeyResponse.getDefaultInstance();
  volatile ListApiKeysResponse listed = ListApiKeysResponse.getDefaultInstance();
  volatile ApiKey revoked = ApiKey.getDefaultInstance();

  private final FakeServer server;

  FakeKeyApi() {
    server = new FakeServer(this);
    authorizations = server.authorizations;
  }

  String target() {
    return server.target();
  }

  /** The one request the command sent. */
  Message onlyRequest() {
    synchronized (requests) {
      if (requests.size() != 1) {
        throw new AssertionError("expected one request, got " + requests);
      }
      return requests.get(0);
    }
  }

  @Override
  public void createApiKey(CreateApiKeyRequest request, StreamObserver<CreateApiKeyResponse> response) {
    answer(request, issued, response);
  }

  @Override
  public void listApiKeys(ListApiKeysRequest request, StreamObserver<ListApiKeysResponse> response) {
    answer(request, listed, response);
  }

  @Override
  public void rotateApiKey(RotateApiKeyRequest request, StreamObserver<CreateApiKeyResponse> response) {
    answer(request, issued, response);
  }

  @Override
  public void revokeApiKey(RevokeApiKeyRequest request, StreamObserver<ApiKey> response) {
    answer(request, revoked, response);
  }

  private <T> void answer(Message request, T reply, StreamObserver<T> response) {
    requests.add(request);
    Status status = failure;
    if (status != null) {
      response.onError(status.asRuntimeException());
      return;
    }
    response.onNext(reply);
    response.onCompleted();
  }

  @Override
  public void close() {
    server.close();
  }
}
