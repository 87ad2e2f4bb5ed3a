package dev.baton.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.proto.v1.ApplyWorkflowRequest;
import dev.baton.proto.v1.GetExecutionRequest;
import dev.baton.proto.v1.Role;
import dev.baton.proto.v1.StartExecutionRequest;
import dev.baton.sdk.client.BatonClient;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bad input gets a precise status and message, and changes nothing. */
class BadInputIT {
  @RegisterExtension
  static final PlatformExtension stack = new PlatformExtension(Map.of());

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      duplicate step ids   | steps: [{id: a, handler: noop}, {id: a, handler: noop}]                       | steps[1] (a).id
      unknown dependsOn    | steps: [{id: a, handler: noop, dependsOn: [ghost]}]                          | steps[0] (a).dependsOn
      cyclic dependsOn     | steps: [{id: a, handler: noop, dependsOn: [b]}, {id: b, handler: noop, dependsOn: [a]}] | a -> b -> a
      unknown handler      | steps: [{id: a, handler: no-such-handler}]                                   | steps[0] (a).handler
      invalid CEL          | steps: [{id: a, handler: noop, when: 'input.x >'}]                           | steps[0] (a).when
      bad duration         | steps: [{id: a, handler: noop, retry: {maxAttempts: 2, initialBackoff: 5x}}] | steps[0] (a).retry.initialBackoff
      unknown field        | steps: [{id: a, handler: noop, colour: blue}]                                | colour
      """)
  void invalidDefinitionIsRejectedWithTheFieldNamedAndNothingStored(String why, String steps, String named) {
    long versionsBefore = Db.count(stack.platform(), "SELECT count(*) FROM workflow_versions");

    assertStatus(() -> stack.platform().client().workflows().applyWorkflow(ApplyWorkflowRequest.newBuilder()
            .setSourceText("name: bad-" + why.replace(' ', '-') + "\n" + steps).build()),
        Status.Code.INVALID_ARGUMENT, named);

    assertThat(Db.count(stack.platform(), "SELECT count(*) FROM workflow_versions")).isEqualTo(versionsBefore);
    assertThat(Db.count(stack.platform(), "SELECT count(*) FROM workflows WHERE name LIKE 'bad-%'")).isZero();
  }

  @Test
  void unknownWorkflowIsNotFound() {
    assertNoExecutionCreated(() -> assertStatus(() -> start("no-such-workflow", "{}"),
        Status.Code.NOT_FOUND, "workflow_name: no workflow 'no-such-workflow'"));
  }

  @Test
  void malformedInputJsonIsInvalidArgument() {
    assertNoExecutionCreated(() -> assertStatus(() -> start("lead-pipeline", "{\"audience\": "),
        Status.Code.INVALID_ARGUMENT, "input_json: malformed JSON"));
  }

  @Test
  void inputThatIsNotAnObjectIsInvalidArgument() {
    assertNoExecutionCreated(() -> assertStatus(() -> start("lead-pipeline", "[1, 2]"),
        Status.Code.INVALID_ARGUMENT, "input_json: expected a JSON object"));
  }

  @Test
  void missingRequiredInputIsInvalidArgument() {
    assertNoExecutionCreated(() -> assertStatus(() -> start("lead-pipeline", "{\"other\": 1}"),
        Status.Code.INVALID_ARGUMENT, "input_json: missing required field 'audience'"));
  }

  @Test
  void oversizedInputIsResourceExhausted() {
    String big = "{\"audience\": \"" + "x".repeat(1024 * 1024) + "\"}";
    assertNoExecutionCreated(() -> assertStatus(() -> start("lead-pipeline", big),
        Status.Code.RESOURCE_EXHAUSTED, "input_json: " + big.length() + " bytes (expected: <= 1048576)"));
  }

  @Test
  void malformedExecutionIdIsInvalidArgumentAndUnknownIsNotFound() {
    assertStatus(() -> stack.platform().client().workflows().getExecution(
        GetExecutionRequest.newBuilder().setExecutionId("nope").build()), Status.Code.INVALID_ARGUMENT, "execution_id");
    assertStatus(() -> stack.platform().client().workflows().getExecution(GetExecutionRequest.newBuilder()
            .setExecutionId("00000000-0000-0000-0000-000000000001").build()),
        Status.Code.NOT_FOUND, "execution_id: no execution");
  }

  @Test
  void anotherTenantCannotSeeOrStartOnAnotherTenantsWorkflows() {
    var mine = Executions.start(stack.platform().client(), "lead-pipeline", "{\"audience\": \"CTOs in Paris\"}");
    try (BatonClient other = BatonClient.connect(stack.platform().orchestrators().get(0).target(),
        stack.platform().keys().create("other-team", Role.ROLE_ADMIN, "bad-input-it"))) {
      assertStatus(() -> other.workflows().getExecution(GetExecutionRequest.newBuilder()
          .setExecutionId(mine.getId()).build()), Status.Code.NOT_FOUND, "execution_id");
      assertStatus(() -> other.workflows().startExecution(StartExecutionRequest.newBuilder()
          .setWorkflowName("lead-pipeline").setInputJson("{\"audience\": \"x\"}").build()),
          Status.Code.NOT_FOUND, "workflow_name");
    }
  }

  private static void start(String workflow, String input) {
    stack.platform().client().workflows().startExecution(StartExecutionRequest.newBuilder()
        .setWorkflowName(workflow).setInputJson(input).build());
  }

  private static void assertNoExecutionCreated(Runnable check) {
    long before = Db.count(stack.platform(), "SELECT count(*) FROM executions");
    check.run();
    assertThat(Db.count(stack.platform(), "SELECT count(*) FROM executions")).isEqualTo(before);
  }

  private static void assertStatus(ThrowingCallable call, Status.Code code, String messagePart) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(code);
          assertThat(e.getStatus().getDescription()).contains(messagePart);
        });
  }
}
