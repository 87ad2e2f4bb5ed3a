package dev.baton.orchestrator.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.proto.EnumNames;
import dev.baton.proto.v1.ExecutionEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The trigger's list of notifying event types is SQL; this keeps it in step with ExecutionEvent.Type. */
class NotificationEventTypesTest {
  @Test
  void everyTypeTheTriggerListsIsAnExecutionEventType() throws IOException {
    String sql;
    try (InputStream in = getClass().getResourceAsStream("/db/migration/R__notification_events.sql")) {
      sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Matcher list = Pattern.compile("NEW\\.type IN \\(([^)]*)\\)").matcher(sql);
    assertThat(list.find()).as("the trigger's WHEN (NEW.type IN (...))").isTrue();
    List<String> listed = new ArrayList<>();
    Matcher quoted = Pattern.compile("'([A-Z_]+)'").matcher(list.group(1));
    while (quoted.find()) {
      listed.add(quoted.group(1));
    }

    assertThat(listed).contains("EXECUTION_FAILED").allSatisfy(type -> assertThat(EnumNames.parse(ExecutionEvent.Type.class, type, null))
        .as(type).isNotNull().isNotEqualTo(ExecutionEvent.Type.TYPE_UNSPECIFIED));
  }
}
