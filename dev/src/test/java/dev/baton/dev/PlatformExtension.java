package dev.baton.dev;

import dev.baton.sdk.client.BatonCredentials;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** One {@link TestStack} platform per test class: {@code @RegisterExtension static final PlatformExtension stack}. */
final class PlatformExtension implements BeforeAllCallback, AfterAllCallback {
  private final Map<String, String> env;
  private LocalPlatform platform;

  PlatformExtension(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    platform = TestStack.start(env);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (platform != null) {
      platform.close();
    }
  }

  LocalPlatform platform() {
    return platform;
  }

  /** The {@code default} tenant's admin key: what {@code platform().client()} calls with. */
  BatonCredentials admin() {
    return platform.keys().tenantAdmin();
  }
}
