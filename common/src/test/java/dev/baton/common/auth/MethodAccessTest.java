package dev.baton.common.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.proto.v1.KeyServiceGrpc;
import dev.baton.proto.v1.Role;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MethodAccessTest {
  private static final Map<String, Access> KEYS = Map.of(
      "CreateApiKey", Access.MANAGE_KEYS, "ListApiKeys", Access.MANAGE_KEYS,
      "RotateApiKey", Access.MANAGE_KEYS, "RevokeApiKey", Access.MANAGE_KEYS);

  @Test
  void everyMethodOfABoundServiceNeedsAnEntry() {
    Map<String, Access> withoutRevoke = new java.util.HashMap<>(KEYS);
    withoutRevoke.remove("RevokeApiKey");
    assertThatThrownBy(() -> MethodAccess.builder().service(KeyServiceGrpc.getServiceDescriptor(), withoutRevoke))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("baton.v1.KeyService: no access decided for [RevokeApiKey]");
  }

  @Test
  void anEntryForAMethodTheServiceLacksIsAMistakeToo() {
    Map<String, Access> extra = new java.util.HashMap<>(KEYS);
    extra.put("DeleteEverything", Access.READ);
    assertThatThrownBy(() -> MethodAccess.builder().service(KeyServiceGrpc.getServiceDescriptor(), extra))
        .hasMessage("baton.v1.KeyService: access given for methods it does not have [DeleteEverything]");
  }

  @Test
  void theTableAnswersByFullMethodName() {
    MethodAccess table = MethodAccess.builder().service(KeyServiceGrpc.getServiceDescriptor(), KEYS).build();
    assertThat(table.of("baton.v1.KeyService/RevokeApiKey")).contains(Access.MANAGE_KEYS);
    assertThat(table.of("baton.v1.KeyService/Nope")).isEmpty();
  }

  @Test
  void rolesReachOnlyTheirOwnKindOfAccess() {
    assertThat(Access.READ.allows(Role.ROLE_VIEWER)).isTrue();
    assertThat(Access.OPERATE.allows(Role.ROLE_VIEWER)).isFalse();
    assertThat(Access.OPERATE.allows(Role.ROLE_ADMIN)).isTrue();
    assertThat(Access.READ.allows(Role.ROLE_EXECUTOR)).isFalse();
    assertThat(Access.READ.allows(Role.ROLE_PLATFORM_ADMIN)).isFalse();
    assertThat(Access.EXECUTE.allows(Role.ROLE_ADMIN)).isFalse();
    assertThat(Access.INGEST.allows(Role.ROLE_VIEWER)).isFalse();
    assertThat(Access.OPERATE.roleNames()).isEqualTo("admin or operator");
  }
}
