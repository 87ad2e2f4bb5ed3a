package dev.baton.sdk.client;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API key a {@link BatonClient} sends with every call ({@code authorization: Bearer <key>}).
 * The key decides the tenant and what the client may do. Never printed.
 */
public final class BatonCredentials {
  private static final Pattern SHAPE = Pattern.compile("baton_([a-z2-7]{16})_[A-Za-z0-9_-]{43}");

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
    // the whole shape, not just the underscores: a mistyped secret must not pass for an id and get printed
    Matcher key = SHAPE.matcher(apiKey);
    return key.matches() ? key.group(1) : "?";
  }

  @Override
  public String toString() {
    return "BatonCredentials[" + keyId() + "]";
  }
}
