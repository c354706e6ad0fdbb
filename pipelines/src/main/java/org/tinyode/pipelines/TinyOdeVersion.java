package org.tinyode.pipelines;

import picocli.CommandLine.IVersionProvider;

/** Reports the project version (from the jar manifest when packaged) and the Java runtime. */
final class TinyOdeVersion implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = TinyOde.class.getPackage().getImplementationVersion();
    return new String[] {
      "tinyode " + (version == null ? "(development build)" : version),
      "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
    };
  }
}
