package dev.baton.cli.key;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.cli.command.BatonCommand;
import dev.baton.cli.render.ProtoText;
import dev.baton.proto.RoleNames;
import dev.baton.proto.v1.CreateApiKeyResponse;
import java.io.PrintWriter;

/**
 * How a new secret (create, rotate) is shown. With -o json: the key's fields and its secret in one
 * object, `{"id": ..., "name": ..., ..., "secret": ...}`, so that a script reads `.id` and `.secret`.
 */
final class KeySecretPrinter {
  private static final ObjectMapper JSON = new ObjectMapper();

  private KeySecretPrinter() {}

  static void print(CreateApiKeyResponse issued, BatonCommand root, PrintWriter out) {
    if (root.json()) {
      try {
        ObjectNode document = (ObjectNode) JSON.readTree(ProtoText.json(issued.getKey()));
        document.put("secret", issued.getSecret());
        out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document));
        out.flush();
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("the key printed as JSON is not JSON", e);
      }
      return;
    }
    var key = issued.getKey();
    out.println("key " + key.getId() + " (" + key.getName() + ", " + RoleNames.name(key.getRole())
        + (key.getTenant().isEmpty() ? ", every tenant" : ", tenant " + key.getTenant())
        + (key.hasExpireTime() ? ", expires " + root.time().timestamp(key.getExpireTime()) : "") + ")");
    out.println("secret (shown only now; send it as `authorization: Bearer <secret>` or BATON_API_KEY):");
    out.println(issued.getSecret());
    out.flush();
  }
}
