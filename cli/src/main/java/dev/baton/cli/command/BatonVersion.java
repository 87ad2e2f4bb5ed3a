package dev.baton.cli.command;

import picocli.CommandLine.IVersionProvider;

/** {@code baton --version}: the jar's Implementation-Version, or "development build" when run from classes. */
final class BatonVersion implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = BatonVersion.class.getPackage().getImplementationVersion();
    return new String[] {"baton " + (version == null ? "(development build)" : version)};
  }
}
