package dev.warden.app.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest, or {@code development} when run from classes. */
class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = VersionProvider.class.getPackage().getImplementationVersion();
    return new String[] {"warden " + (version == null ? "development" : version)};
  }
}
