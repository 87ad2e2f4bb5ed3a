package dev.baton.dev;

import com.google.protobuf.Message;
import com.google.protobuf.TextFormat;
import com.google.protobuf.Timestamp;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.Context;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Calls any RPC from its descriptor alone, the way a client of the wire would: unary calls for
 * their answer, server-streaming calls for their first message or how they ended. A stream that
 * sends nothing within {@link #STREAM_WAIT} counts as silent (DEADLINE_EXCEEDED, no message).
 */
final class RpcCall {
  static final Duration STREAM_WAIT = Duration.ofSeconds(2);
  private static final Duration UNARY_DEADLINE = Duration.ofSeconds(30);

  private RpcCall() {}

  /** What a call answered: its status and (when OK) its message, the first one of a stream. */
  record Answer(Status.Code code, String description, Message message) {
    /**
     * The answer as text with every value of {@code names} replaced by its name, so that two
     * answers about different objects compare equal when they say the same thing. Timestamps are
     * left out: they say when, not what.
     */
    String normalized(Map<String, String> names) {
      String text = code + ": " + (description == null ? "" : description) + "\n"
          + (message == null ? "" : TextFormat.printer().printToString(withoutTimestamps(message)));
      // longest first: a value may contain a shorter one
      List<Map.Entry<String, String>> longestFirst = names.entrySet().stream()
          .sorted((x, y) -> y.getValue().length() - x.getValue().length()).toList();
      for (Map.Entry<String, String> name : longestFirst) {
        text = text.replace(name.getValue(), "<" + name.getKey() + ">");
      }
      return text;
    }

    /** The answer as a person reads it (for failure messages). */
    String text() {
      return normalized(Map.of());
    }
  }

  /** Calls {@code method} with {@code request}, adding {@code credentials} (none: null) to the call. */
  @SuppressWarnings("unchecked")
  static Answer call(Channel channel, ClientInterceptor credentials, MethodDescriptor<?, ?> method, Message request) {
    Channel calling = credentials == null ? channel : ClientInterceptors.intercept(channel, credentials);
    MethodDescriptor<Message, Message> typed = (MethodDescriptor<Message, Message>) method;
    try {
      return switch (method.getType()) {
        case UNARY -> ok(ClientCalls.blockingUnaryCall(calling, typed,
            CallOptions.DEFAULT.withDeadlineAfter(UNARY_DEADLINE.toMillis(), TimeUnit.MILLISECONDS), request));
        case SERVER_STREAMING -> firstOfStream(calling, typed, request);
        default -> throw new AssertionError(method.getFullMethodName() + ": the suite cannot call a "
            + method.getType() + " method yet (teach RpcCall how)");
      };
    } catch (StatusRuntimeException e) {
      return new Answer(e.getStatus().getCode(), e.getStatus().getDescription(), null);
    }
  }

  private static Answer firstOfStream(Channel channel, MethodDescriptor<Message, Message> method, Message request) {
    Context.CancellableContext context = Context.current().withCancellation();
    try {
      return context.call(() -> {
        Iterator<Message> stream = ClientCalls.blockingServerStreamingCall(channel, method,
            CallOptions.DEFAULT.withDeadlineAfter(STREAM_WAIT.toMillis(), TimeUnit.MILLISECONDS), request);
        return stream.hasNext() ? ok(stream.next()) : new Answer(Status.Code.OK, "(ended without a message)", null);
      });
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED) {
        // the client's own deadline: its description differs from call to call
        return new Answer(Status.Code.DEADLINE_EXCEEDED, "silent for " + STREAM_WAIT, null);
      }
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(method.getFullMethodName() + ": " + e, e);
    } finally {
      // leaving the stream: the server sees the cancellation
      context.cancel(null);
    }
  }

  private static Answer ok(Message message) {
    return new Answer(Status.Code.OK, null, message);
  }

  private static Message withoutTimestamps(Message message) {
    Message.Builder builder = message.toBuilder();
    message.getAllFields().forEach((field, value) -> {
      if (field.getJavaType() != com.google.protobuf.Descriptors.FieldDescriptor.JavaType.MESSAGE
          || field.isMapField()) {
        return;
      }
      if (field.getMessageType().getFullName().equals(Timestamp.getDescriptor().getFullName())) {
        builder.clearField(field);
      } else if (field.isRepeated()) {
        builder.setField(field, ((List<?>) value).stream().map(m -> withoutTimestamps((Message) m)).toList());
      } else {
        builder.setField(field, withoutTimestamps((Message) value));
      }
    });
    return builder.build();
  }
}
