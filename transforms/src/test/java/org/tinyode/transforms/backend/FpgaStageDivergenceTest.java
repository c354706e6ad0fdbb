package org.tinyode.transforms.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tinyode.datasets.Datasets;
import org.tinyode.datasets.Example;
import org.tinyode.datasets.ImageDataset;
import org.tinyode.transforms.DecodedExample;
import org.tinyode.transforms.ExampleResult;
import org.tinyode.transforms.stats.Divergence;

/**
 * Golden vs embedded emulated boards on real bundled CIFAR-10 images: the board's per-stage output hashes reach
 * {@link ExampleResult#fabricStageSha256()}, so a clean board matches exactly and a board with
 * {@code corrupt-stage=trans1} is located at trans1 by {@link Divergence#of}.
 */
class FpgaStageDivergenceTest {
  static final List<String> FABRIC = List.of("ode1", "trans1", "ode2", "trans2", "mhsa");
  static String model;
  static List<DecodedExample> examples = new ArrayList<>();

  @BeforeAll
  static void images() throws Exception {
    String r = System.getProperty("tinyode.root");
    Path root = r != null ? Path.of(r) : Path.of("").toAbsolutePath().getParent();
    Path trained = root.resolve("models/cifar10-ode.quant.safetensors");
    model = Files.isRegularFile(trained) ? trained.toString() : "random:cifar10-ode";
    Path samples = root.resolve("samples/cifar10/test");
    Assumptions.assumeTrue(Files.isDirectory(samples), "bundled samples missing: " + samples);
    try (ImageDataset ds = Datasets.open(samples, null, "test")) {
      for (int i = 0; i < 3; i++) {
        Example e = ds.get(i);
        examples.add(new DecodedExample("cifar10/test/" + i, 0, i, e.label(), e.height(), e.width(), e.rgb()));
      }
    }
  }

  private static BackendSpec spec(String kind) {
    return new BackendSpec(kind, model, "embedded:1", "", 15, "modeled", "/sys", true);
  }

  private static List<ExampleResult> run(Backend b) throws Exception {
    List<ExampleResult> out = new ArrayList<>();
    for (Backend.Answer a : b.run(examples)) {
      assertTrue(a.result() != null, () -> "backend " + b.name() + " failed: " + a.error());
      out.add(a.result());
    }
    return out;
  }

  @Test
  void cleanBoardMatchesExactlyAndACorruptedStageIsLocatedThere() throws Exception {
    List<ExampleResult> golden;
    try (GoldenBackend g = new GoldenBackend(spec(BackendSpec.GOLDEN))) {
      golden = run(g);
    }
    List<ExampleResult> clean;
    try (FpgaBackend f = new FpgaBackend(spec(BackendSpec.FPGA))) {
      clean = run(f);
    }
    List<ExampleResult> corrupt;
    try (FpgaBackend f = new FpgaBackend(spec(BackendSpec.FPGA), "corrupt-stage=trans1")) {
      assertTrue(f.describe().toString().contains("board"), "described");
      corrupt = run(f);
    }
    for (int i = 0; i < examples.size(); i++) {
      ExampleResult g = golden.get(i);
      assertEquals(FABRIC.size(), g.fabricStageSha256().size());
      assertEquals(g.fabricStageSha256(), clean.get(i).fabricStageSha256(), "board hashes = golden taps");
      Divergence ok = Divergence.of(g, clean.get(i), FABRIC);
      assertTrue(ok.exactMatch(), ok.toString());
      assertEquals(0, ok.mismatchingElements());
      assertEquals("", ok.firstDivergingStage());

      ExampleResult c = corrupt.get(i);
      assertEquals(FABRIC.size(), c.fabricStageSha256().size());
      assertEquals(g.fabricStageSha256().get(0), c.fabricStageSha256().get(0), "ode1 untouched");
      Divergence bad = Divergence.of(g, c, FABRIC);
      assertFalse(bad.exactMatch(), bad.toString());
      assertEquals("trans1", bad.firstDivergingStage(), bad.toString());
      assertTrue(bad.mismatchingElements() > 0, bad.toString());
      assertTrue(bad.maxAbsDeltaLsb() > 0, bad.toString());
    }
  }
}
