package dev.baton.cli.notification;

/**
 * What the CLI shows of a secret it sent: its length and last four characters, enough to tell two
 * secrets apart, never enough to sign with. Short ones (never accepted by the services) show nothing.
 */
final class SecretHint {
  private static final int SHOWN = 4;
  private static final int SHOWN_FROM_LENGTH = 24;

  private SecretHint() {}

  static String of(String secret) {
    String tail = secret.length() >= SHOWN_FROM_LENGTH ? " ending '" + secret.substring(secret.length() - SHOWN) + "'"
        : "";
    return secret.length() + " characters" + tail;
  }
}
