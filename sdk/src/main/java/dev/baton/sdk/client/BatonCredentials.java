package dev.baton.sdk.client;

import java.util.Objects;

/**
 * The API key a {@link BatonClient} sends with every call ({@code authorization: Bearer <key>}).
 * The key decides the tenant and what the client may do. Never printed.
 */
public final class BatonCredentials {
  private final String apiKey;

  private BatonCredentials(String apiKey) {
    this.apiKey = apiKey;
  }

  /** An API key as {@code baton keys create} printed it ({@code baton_<id>_<secret>}). */
  public static BatonCredentials apiKey(String apiKey) {
    Objects.requireNonNull(apiKey, "apiKey");
    if (apiKey.isBlank()) {
      throw new IllegalArgumentException("apiKey: empty (expected: the secret `baton keys create` printed)");
    }
    return new BatonCredentials(apiKey.trim());
  }

  String authorization() {
    return "Bearer " + apiKey;
  }

  /** Adds the key to every call of a stub or channel of your own: {@code stub.withInterceptors(credentials.interceptor())}. */
  public io.grpc.ClientInterceptor interceptor() {
    io.grpc.Metadata headers = new io.grpc.Metadata();
    headers.put(io.grpc.Metadata.Key.of("authorization", io.grpc.Metadata.ASCII_STRING_MARSHALLER), authorization());
    return io.grpc.stub.MetadataUtils.newAttachHeadersInterceptor(headers);
  }

  /** The key's public id (for messages), or "?" when it does not have the shape of a Baton key. */
  public String keyId() {
    String[] parts = apiKey.split("_", 3);
    return parts.length == 3 && parts[0].equals("baton") ? parts[1] : "?";
  }

  @Override
  public String toString() {
    return "BatonCredentials[" + keyId() + "]";
  }
}
