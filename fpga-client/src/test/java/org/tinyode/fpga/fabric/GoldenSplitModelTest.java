package org.tinyode.fpga.fabric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyode.fpga.client.BoardClient;
import org.tinyode.fpga.proto.v1.ExampleResult;
import org.tinyode.fpga.proto.v1.ImageBatch;
import org.tinyode.fpga.proto.v1.ImageFormat;
import org.tinyode.fpga.proto.v1.InferRequest;
import org.tinyode.fpga.proto.v1.InferResponse;
import org.tinyode.fpga.protocol.BoardProtocol;
import org.tinyode.fpga.protocol.Sha256;
import org.tinyode.fpga.testing.FakeSplitModel;
import org.tinyode.fpga.testing.LoopbackBoard;
import org.tinyode.fpga.testing.TestCertificates;
import org.tinyode.model.golden.GoldenModel;
import org.tinyode.model.golden.Prediction;
import org.tinyode.model.quant.Quantizer;
import org.tinyode.model.spec.ModelSpec;
import org.tinyode.model.spec.StageSpec;
import org.tinyode.model.weights.RandomWeights;
import org.tinyode.model.weights.WeightsFile;

/**
 * The golden adapter on a quantized file made here (random weights of the tiny spec, default formats): its split
 * equals the golden model's whole prediction, and an emulated board over TLS returns it bit for bit.
 */
class GoldenSplitModelTest {
  @TempDir Path dir;

  private Path quantizedFile() {
    ModelSpec spec = ModelSpec.fromJson(FakeSplitModel.SPEC_JSON);
    WeightsFile q = Quantizer.quantize(RandomWeights.floatWeights(spec, 7), Quantizer.defaultFracs(spec));
    Path file = dir.resolve("tiny-q.safetensors");
    q.save(file);
    return file;
  }

  private static byte[] image(Random r) {
    byte[] img = new byte[4 * 4 * 3];
    r.nextBytes(img);
    return img;
  }

  @Test
  void splitEqualsTheWholeGoldenPrediction() {
    Path file = quantizedFile();
    GoldenSplitModel split = GoldenSplitModel.load(file);
    GoldenModel golden = GoldenModel.load(file, null);
    assertEquals(Sha256.hex(file), split.modelSha256());
    Random r = new Random(1);
    for (int i = 0; i < 8; i++) {
      byte[] img = image(r);
      Prediction whole = golden.predict(img);
      float[] logits = split.head(split.runFabric(split.stem(img)));
      assertArrayEquals(whole.logits(), logits);
    }
  }

  @Test
  void stagedRunHashesEveryStageOutputLikeTheGoldenTapsAndIsMemoizedWithThem() {
    Path file = quantizedFile();
    GoldenSplitModel split = GoldenSplitModel.load(file);
    GoldenModel golden = GoldenModel.load(file, null);
    MemoizingSplitModel memo = new MemoizingSplitModel(split, 4);
    Random r = new Random(3);
    for (int i = 0; i < 4; i++) {
      byte[] stem = split.stem(image(r));
      List<String> taps = new ArrayList<>();
      for (StageSpec st : golden.spec().stages()) {
        taps.add(tapHash(golden, stem, GoldenModel.outputTap(st)));
      }
      StagedOutput one = split.runFabricStaged(stem, null);
      assertArrayEquals(split.runFabric(stem), one.output());
      assertEquals(taps, one.stageSha256());
      assertEquals(Sha256.hex(one.output()), taps.get(taps.size() - 1));
      List<String> seen = new ArrayList<>();
      StagedOutput noop = split.runFabricStaged(stem, (stage, out) -> seen.add(stage));
      assertEquals(List.of("ode1", "mhsa"), seen, "the edit sees every stage in order");
      assertArrayEquals(one.output(), noop.output(), "stage by stage = one pass");
      assertEquals(one.stageSha256(), noop.stageSha256());
      StagedOutput miss = memo.runFabricStaged(stem, null);
      StagedOutput hit = memo.runFabricStaged(stem.clone(), null);
      assertEquals(taps, miss.stageSha256());
      assertEquals(taps, hit.stageSha256(), "a memoized result carries the stage hashes");
      assertArrayEquals(one.output(), hit.output());
      StagedOutput edited = memo.runFabricStaged(stem, (stage, out) -> {
        if (stage.equals("ode1")) {
          out[0] = (byte) ~out[0];
        }
      });
      assertNotEquals(taps.get(0), edited.stageSha256().get(0));
      assertArrayEquals(one.output(), memo.runFabricStaged(stem, null).output(), "edits never reach the cache");
    }
    assertEquals(4, memo.misses());
    assertEquals(8, memo.hits());
  }

  private static String tapHash(GoldenModel golden, byte[] stem, String tap) {
    byte[][] got = new byte[1][];
    golden.runFpga(stem, (name, shape, values) -> {
      if (name.equals(tap)) {
        got[0] = new byte[values.length];
        for (int k = 0; k < values.length; k++) {
          got[0][k] = (byte) values[k];
        }
      }
    });
    return Sha256.hex(got[0]);
  }

  @Test
  void emulatedBoardOverTlsMatchesTheLocalGoldenModelBitForBit() throws Exception {
    Path file = quantizedFile();
    TestCertificates.Ca ca = TestCertificates.ca(dir, "golden ca");
    GoldenModel local = GoldenModel.load(file, null);
    try (LoopbackBoard board = new LoopbackBoard("g0", GoldenSplitModel.load(file),
        TestCertificates.server(dir, ca), null, 1)) {
      ManagedChannel ch = board.channel(ca.certPem());
      try {
        BoardClient client = board.client("g0", ch);
        assertEquals(Sha256.hex(file), client.describe(Duration.ofSeconds(10)).getModelSha256());
        Random r = new Random(2);
        ImageBatch.Builder b = ImageBatch.newBuilder()
            .setFormat(ImageFormat.newBuilder().setHeight(4).setWidth(4).setChannels(3));
        InferRequest.Builder req = InferRequest.newBuilder().setProtocolVersion(BoardProtocol.VERSION)
            .setRequestId("g").setReturnFabricOutput(true);
        byte[][] imgs = new byte[6][];
        for (int i = 0; i < imgs.length; i++) {
          imgs[i] = image(r);
          b.addImages(ByteString.copyFrom(imgs[i]));
          req.addExampleIds("e" + i);
        }
        InferResponse resp = client.infer(req.setImages(b).build()).get(30, TimeUnit.SECONDS);
        assertFalse(resp.hasError(), resp.getError().getMessage());
        for (int i = 0; i < imgs.length; i++) {
          ExampleResult e = resp.getResults(i);
          byte[] fpga = local.runFpga(local.stemOut(imgs[i]), null);
          assertArrayEquals(fpga, e.getFabricOutput().toByteArray());
          assertEquals(Sha256.hex(fpga), e.getFabricOutputSha256());
          Prediction p = local.predict(imgs[i]);
          for (int k = 0; k < p.logits().length; k++) {
            assertEquals(Float.floatToIntBits(p.logits()[k]), Float.floatToIntBits(e.getLogits(k)));
          }
          assertEquals(p.top1(), e.getTop1());
        }
        client.close();
      } finally {
        LoopbackBoard.shut(ch);
      }
    }
  }
}
