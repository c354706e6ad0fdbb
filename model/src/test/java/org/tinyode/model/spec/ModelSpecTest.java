package org.tinyode.model.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelSpecTest {

  private static String cifar() {
    return ModelSpec.preset("cifar10-ode").toJson();
  }

  private static SpecException bad(String json) {
    return assertThrows(SpecException.class, () -> ModelSpec.fromJson(json));
  }

  @Test
  void presetsLoadWithExpectedShapes() {
    assertEquals(List.of("paper-stl10", "cifar10-ode"), ModelSpec.presetNames());
    ModelSpec stl = ModelSpec.preset("paper-stl10");
    assertEquals(new FeatureShape(64, 24, 24), stl.stemOutput());
    assertEquals(List.of(new FeatureShape(64, 24, 24), new FeatureShape(128, 12, 12), new FeatureShape(128, 12, 12),
        new FeatureShape(256, 6, 6), new FeatureShape(256, 6, 6)), stl.stageOutputs());
    assertEquals(List.of("airplane", "bird", "car", "cat", "deer", "dog", "horse", "monkey", "ship", "truck"),
        stl.classNames());
    ModelSpec c = ModelSpec.preset("cifar10-ode");
    assertEquals(new FeatureShape(64, 16, 16), c.stemOutput());
    assertEquals(new FeatureShape(256, 4, 4), c.fpgaOutput());
    assertEquals("automobile", c.classNames().get(1));
    assertEquals(1, ((OdeBlockSpec) c.stages().get(0)).stepShift());
    assertEquals(2, ((OdeBlockSpec) stl.stages().get(0)).stepShift());
  }

  @Test
  void jsonRoundTrip(@TempDir Path dir) throws Exception {
    ModelSpec stl = ModelSpec.preset("paper-stl10");
    assertEquals(stl, ModelSpec.fromJson(stl.toJson()));
    Path f = dir.resolve("s.json");
    Files.writeString(f, stl.toJson());
    assertEquals(stl, ModelSpec.load(f));
    assertTrue(stl.toJson().contains("\"type\" : \"odeblock\""));
  }

  @Test
  void stepSizeMustBePowerOfTwo() {
    SpecException e = bad(cifar().replaceFirst("\"stepSize\" : 0.5", "\"stepSize\" : 0.3"));
    assertEquals("stages[0].stepSize", e.field());
    assertEquals("stages[0].stepSize: must be a power of two 2^-k (k >= 0), got 0.3", e.getMessage());
  }

  @Test
  void channelChainIsChecked() {
    SpecException e = bad(cifar().replace("\"inChannels\" : 128", "\"inChannels\" : 96"));
    assertEquals("stages[3].inChannels", e.field());
    assertTrue(e.getMessage().contains("produces 128 channels, got 96"), e.getMessage());
  }

  @Test
  void mhsaSizeMustMatchFeatureMap() {
    SpecException e = bad(cifar().replace("\"height\" : 4", "\"height\" : 6"));
    assertEquals("stages[4].height", e.field());
    assertTrue(e.getMessage().contains("feature map height 4"), e.getMessage());
  }

  @Test
  void headsTimesDimMustEqualChannels() {
    assertEquals("stages[4].headDim", bad(cifar().replace("\"headDim\" : 64", "\"headDim\" : 32")).field());
  }

  @Test
  void devicesAreChecked() {
    assertEquals("stem.device", bad(cifar().replaceFirst("\"device\" : \"cpu\"", "\"device\" : \"fpga\"")).field());
    assertEquals("stages[0].device", bad(cifar().replaceFirst("\"device\" : \"fpga\"", "\"device\" : \"gpu\"")).field());
    assertEquals("head.pool", bad(cifar().replace("global-avg", "max")).field());
  }

  @Test
  void classNamesCountMustMatch() {
    assertEquals("classNames", bad(cifar().replace("\"numClasses\" : 10", "\"numClasses\" : 9")).field());
  }

  @Test
  void positiveSizesAndVersion() {
    assertEquals("stages[0].steps", bad(cifar().replaceFirst("\"steps\" : 2", "\"steps\" : 0")).field());
    assertEquals("specVersion", bad(cifar().replace("\"specVersion\" : 1", "\"specVersion\" : 2")).field());
    assertEquals("input.std", bad(cifar().replace("\"std\" : [ 0.247, 0.2435, 0.2616 ]", "\"std\" : [ 1 ]"))
        .field());
  }

  @Test
  void unknownAndMissingFieldsAreRejected() {
    SpecException e = bad(cifar().replace("\"steps\" : 2,", "\"steps\" : 2, \"bogus\" : 1,"));
    assertTrue(e.getMessage().startsWith("stages[0]"), e.getMessage());
    assertTrue(e.getMessage().contains("bogus"), e.getMessage());
    SpecException m = bad(cifar().replaceFirst("\"steps\" : 2,", ""));
    assertEquals("stages[0].steps", m.field());
    SpecException t = bad(cifar().replaceFirst("\"odeblock\"", "\"resblock\""));
    assertTrue(t.getMessage().contains("resblock"), t.getMessage());
  }

  @Test
  void duplicateStageNamesRejected() {
    assertEquals("stages[2].name", bad(cifar().replace("\"ode2\"", "\"ode1\"")).field());
  }

  @Test
  void missingFileNamesTheFile(@TempDir Path dir) {
    SpecException e = assertThrows(SpecException.class, () -> ModelSpec.load(dir.resolve("nope.json")));
    assertTrue(e.getMessage().contains("nope.json"));
  }
}
