package dev.baton.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.protobuf.util.JsonFormat;
import dev.baton.common.json.Json;
import dev.baton.proto.v1.Step;
import dev.baton.proto.v1.WorkflowDefinition;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExampleWorkflowsTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** Strict proto JSON parsing: an unknown or misspelt field name fails the test. */
  private static WorkflowDefinition parse(String yaml) throws Exception {
    WorkflowDefinition.Builder definition = WorkflowDefinition.newBuilder();
    JsonFormat.parser().merge(Json.write(YAML.readTree(yaml)), definition);
    return definition.build();
  }

  @Test
  void allReturnsChildrenBeforeTheWorkflowsThatChainThem() throws Exception {
    List<String> yamls = ExampleWorkflows.all();

    assertThat(yamls).hasSize(2);
    assertThat(parse(yamls.get(0)).getName()).isEqualTo("email-sequence");
    assertThat(parse(yamls.get(1)).getName()).isEqualTo("lead-pipeline");
  }

  @Test
  void leadPipelineMatchesTheProtoSchemaAndChainsEmailSequence() throws Exception {
    WorkflowDefinition pipeline = parse(ExampleWorkflows.all().get(1));

    assertThat(pipeline.getInput().getRequiredList()).containsExactly("audience");
    assertThat(pipeline.getStepsList()).extracting(Step::getId).containsExactly("translate", "enrich", "email");
    Step enrich = pipeline.getSteps(1);
    assertThat(enrich.getHandler()).isEqualTo("lead-enrichment");
    assertThat(enrich.getForEach().getConcurrency()).isEqualTo(4);
    assertThat(enrich.getRetry().getMaxAttempts()).isEqualTo(4);
    assertThat(enrich.getRetry().getInitialBackoff()).isEqualTo("200ms");
    assertThat(enrich.getRetry().getNonRetryableList()).containsExactly("INVALID_LEAD");
    assertThat(enrich.getTimeout().getHeartbeat()).isEqualTo("10s");
    assertThat(enrich.getConfig().getFieldsMap().get("provider").getStringValue()).isEqualTo("primary");
    assertThat(enrich.getOnErrorList()).singleElement().satisfies(rule -> {
      assertThat(rule.getIf()).contains("error.provider == 'primary'");
      assertThat(rule.getThen().getFallback().getConfig().getFieldsMap().get("provider").getStringValue())
          .isEqualTo("backup");
      assertThat(rule.getThen().getFallback().getRetry().getMaxAttempts()).isEqualTo(3);
    });
    assertThat(pipeline.getSteps(2).getWorkflow()).isEqualTo("email-sequence");
    assertThat(pipeline.getOutput().getFieldsMap()).containsKeys("segments", "sequences");
  }

  @Test
  void emailSequenceRunsTheEmailSequenceHandler() throws Exception {
    WorkflowDefinition emails = parse(ExampleWorkflows.all().get(0));

    assertThat(emails.getStepsList()).singleElement()
        .satisfies(step -> assertThat(step.getHandler()).isEqualTo("email-sequence"));
    assertThat(emails.getOutput().getFieldsMap()).containsKeys("sequences", "count", "skipped");
  }
}
