package org.tinyode.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TinyOdeTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return TinyOde.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  @Test
  void helpListsEveryRegisteredCommandAndExitsZero() {
    assertEquals(0, run("--help"));
    assertTrue(out.toString().contains("dataset"), out.toString());
    assertTrue(out.toString().contains("evaluate"), out.toString());
    assertTrue(out.toString().contains("compare"), out.toString());
    for (String c : new String[] {"model", "train", "board"}) {
      assertTrue(out.toString().contains("  " + c + " "), c + " missing from\n" + out);
    }
  }

  @Test
  void evaluateHelpListsEveryPipelineOptionWithItsDefault() {
    assertEquals(0, run("evaluate", "--help"));
    for (String o : new String[] {"--backend", "--dataset", "--model", "--shards", "--batchSize", "--boards",
        "--output", "--seed", "--runner", "samples/cifar10", "models/cifar10-ode.quant.safetensors"}) {
      assertTrue(out.toString().contains(o), o + " missing from\n" + out);
    }
  }

  @Test
  void evaluateOnAMissingDatasetExitsOneAndNamesIt() {
    assertEquals(1, run("evaluate", "--dataset=/nonexistent/tinyode-data", "--model=random:cifar10-ode"));
    assertTrue(err.toString().contains("/nonexistent/tinyode-data"), err.toString());
  }

  @Test
  void evaluateWithAnUnknownOptionIsAUsageError() {
    assertEquals(2, run("evaluate", "--no-such-option=1"));
  }

  @Test
  void unknownCommandIsAUsageErrorWithExitCodeTwo() {
    assertEquals(2, run("no-such-command"));
    assertTrue(err.toString().contains("no-such-command"), err.toString());
    assertTrue(err.toString().contains("Usage: tinyode"), err.toString());
  }

  @Test
  void noCommandPrintsUsageAndExitsTwo() {
    assertEquals(2, run());
    assertTrue(err.toString().contains("Usage: tinyode"), err.toString());
  }

  @Test
  void datasetCommandRunsThroughTheTopLevelCommand() {
    Path sample = Path.of(System.getProperty("tinyode.root", "..")).resolve("samples/stl10");
    assertTrue(Files.isDirectory(sample), "bundled sample missing: " + sample);
    assertEquals(0, run("dataset", "inspect", "--path", sample.toString(), "--split", "test", "--json"));
    assertTrue(out.toString().contains("\"count\":10"), out.toString());
  }

  @Test
  void badDatasetPathExitsOneAndNamesThePath() {
    assertEquals(1, run("dataset", "inspect", "--path", "/nonexistent/tinyode-data", "--json"));
    assertTrue(err.toString().contains("/nonexistent/tinyode-data"), err.toString());
  }

  @Test
  void benchListsEveryBenchmarkAndNeedsOneByName() {
    assertEquals(0, run("bench", "--help"));
    for (String name : new String[] {"pipeline", "golden-vs-float", "boards"}) {
      assertTrue(out.toString().contains(name), "bench --help lacks " + name + ": " + out);
    }
    assertEquals(2, run("bench"));
    assertTrue(err.toString().contains("Missing benchmark name"), err.toString());
  }
}
