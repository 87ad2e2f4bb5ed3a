package dev.baton.dev;

/**
 * Links to the local dashboard that sign the browser tab in with an API key: the key rides in the
 * URL fragment ({@code #key=...}), which a browser never sends to a server, and the page takes it
 * out of the address bar at once. A link is as secret as its key: printed by {@code baton dev} for
 * the person at this machine, never logged. The key is pasted as it is: Baton keys use only
 * letters, digits, '_' and '-', which need no escaping in a fragment.
 */
record DashboardLink(int port, String apiKey) {

  /** The default tenant's admin on {@code platform}'s dashboard. */
  static DashboardLink of(LocalPlatform platform) {
    return new DashboardLink(platform.progress().port(), platform.keys().tenantAdminSecret());
  }

  /** The executions list. */
  String signIn() {
    return "http://localhost:" + port + "/dashboard/#key=" + apiKey;
  }

  /** One execution's view. */
  String execution(String executionId) {
    return signIn() + "&to=/executions/" + executionId;
  }

  @Override
  public String toString() {
    return "DashboardLink[port=" + port + "]"; // not the key
  }
}
