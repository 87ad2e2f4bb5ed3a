package dev.baton.common.audit;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.List;

/**
 * What a request names, for the audit log: its top-level string fields called {@code id},
 * {@code name} or ending in {@code _id(s)} / {@code _name}, and the {@code name} of a message field
 * (a channel, a rule), as "field=value". Nothing else of the request (inputs, secrets) is kept.
 */
final class AuditTargets {
  static final int MAX_TARGETS = 20;
  static final int MAX_VALUE = 200;

  private AuditTargets() {}

  static List<String> of(Message request) {
    List<String> targets = new ArrayList<>();
    if (request == null) {
      return targets;
    }
    for (FieldDescriptor field : request.getDescriptorForType().getFields()) {
      if (targets.size() >= MAX_TARGETS) {
        break;
      }
      if (field.getJavaType() == FieldDescriptor.JavaType.STRING && names(field.getName())) {
        if (field.isRepeated()) {
          for (int i = 0; i < request.getRepeatedFieldCount(field) && targets.size() < MAX_TARGETS; i++) {
            add(targets, field.getName(), (String) request.getRepeatedField(field, i));
          }
        } else {
          add(targets, field.getName(), (String) request.getField(field));
        }
      } else if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !field.isRepeated()
          && request.hasField(field)) {
        Message inner = (Message) request.getField(field);
        FieldDescriptor name = inner.getDescriptorForType().findFieldByName("name");
        if (name != null && name.getJavaType() == FieldDescriptor.JavaType.STRING && !name.isRepeated()) {
          add(targets, field.getName() + ".name", (String) inner.getField(name));
        }
      }
    }
    return targets;
  }

  private static boolean names(String field) {
    return field.equals("id") || field.equals("name") || field.endsWith("_id") || field.endsWith("_ids")
        || field.endsWith("_name");
  }

  private static void add(List<String> targets, String field, String value) {
    if (!value.isEmpty()) {
      targets.add(field + "=" + (value.length() > MAX_VALUE ? value.substring(0, MAX_VALUE) + "..." : value));
    }
  }
}
