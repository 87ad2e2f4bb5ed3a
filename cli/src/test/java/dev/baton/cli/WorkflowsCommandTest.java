package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.google.protobuf.util.JsonFormat;
import dev.baton.proto.v1.GetWorkflowRequest;
import dev.baton.proto.v1.ListWorkflowVersionsResponse;
import dev.baton.proto.v1.ListWorkflowsRequest;
import dev.baton.proto.v1.ListWorkflowsResponse;
import dev.baton.proto.v1.Workflow;
import dev.baton.proto.v1.WorkflowDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WorkflowsCommandTest {
  private static final String DEFINITION_JSON = """
      {"name": "lead-pipeline", "input": {"required": ["audience"]},
       "steps": [
         {"id": "translate", "handler": "audience-translator", "input": {"text": "${input.audience}"}},
         {"id": "enrich", "dependsOn": ["translate"], "when": "size(steps.translate.output.criteria) > 0",
          "handler": "lead-enrichment", "forEach": {"items": "steps.translate.output.segments", "concurrency": 4},
          "retry": {"maxAttempts": 4, "initialBackoff": "1s", "multiplier": 1.5, "nonRetryable": ["INVALID_LEAD"]},
          "config": {"note": "yes", "limit": "10", "flag": true, "n": 10, "nested": {"msg": "a: b # c"}}}]}
      """;

  private FakeWorkflowApi api;
  private WorkflowDefinition definition;

  @BeforeEach
  void start() throws Exception {
    api = new FakeWorkflowApi();
    WorkflowDefinition.Builder builder = WorkflowDefinition.newBuilder();
    JsonFormat.parser().merge(DEFINITION_JSON, builder);
    definition = builder.build();
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void listsWorkflowsOfEveryPage() {
    Workflow lead = Workflow.newBuilder().setName("lead-pipeline").setVersion(3).setActiveVersion(3)
        .setDefinition(definition).setCreateTime(Executions.at(0)).build();
    api.workflowPages.add(ListWorkflowsResponse.newBuilder().addWorkflows(lead).setNextPageToken("p2").build());
    api.workflowPages.add(ListWorkflowsResponse.newBuilder()
        .addWorkflows(lead.toBuilder().setName("email-sequence").setActiveVersion(1)).build());

    CliResult result = CliResult.run("--server", api.target(), "workflows");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).startsWith("NAME            ACTIVE VERSION  STEPS  UPDATED\n")
        .contains("lead-pipeline   3               2      ")
        .contains("email-sequence  1               2      ");
    assertThat(api.requests(ListWorkflowsRequest.class)).extracting(ListWorkflowsRequest::getPageToken)
        .containsExactly("", "p2");
  }

  @Test
  void versionsMarksTheActiveOne() {
    Workflow v2 = Workflow.newBuilder().setName("lead-pipeline").setVersion(2).setActiveVersion(1)
        .setDefinition(definition).build();
    api.versionsResponse = ListWorkflowVersionsResponse.newBuilder()
        .addVersions(v2).addVersions(v2.toBuilder().setVersion(1)).build();

    CliResult result = CliResult.run("--server", api.target(), "workflows", "versions", "lead-pipeline");

    assertThat(result.out()).isEqualTo("VERSION  ACTIVE  STEPS  CREATED\n2                2      -\n1        yes     2      -\n");
  }

  @Test
  void getPrintsTheDefinitionAsYamlThatReadsBackToTheSameDefinition() throws Exception {
    api.workflow = Workflow.newBuilder().setName("lead-pipeline").setVersion(2).setDefinition(definition).build();

    CliResult result = CliResult.run("--server", api.target(), "workflow", "get", "lead-pipeline", "--version", "2");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).startsWith("name: lead-pipeline\n").contains("dependsOn:").doesNotContain("---")
        .contains("\"n\": 10\n").contains("multiplier: 1.5\n");
    WorkflowDefinition.Builder reread = WorkflowDefinition.newBuilder();
    JsonFormat.parser().merge(new ObjectMapper().writeValueAsString(new YAMLMapper().readTree(result.out())), reread);
    assertThat(reread.build()).isEqualTo(definition);
    assertThat(api.requests(GetWorkflowRequest.class).get(0).getVersion()).isEqualTo(2);
  }

  @Test
  void getAsJsonIsTheStoredWorkflow() throws Exception {
    api.workflow = Workflow.newBuilder().setName("lead-pipeline").setVersion(2).setDefinition(definition).build();

    CliResult result = CliResult.run("--server", api.target(), "-o", "json", "workflows", "get", "lead-pipeline");

    JsonNode json = new ObjectMapper().readTree(result.out());
    assertThat(json.get("definition").get("steps")).hasSize(2);
  }
}
