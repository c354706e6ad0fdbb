package org.tinyode.fpga.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyode.datasets.Example;
import org.tinyode.datasets.ImageDataset;
import org.tinyode.datasets.Datasets;
import org.tinyode.fpga.client.BoardClient;
import org.tinyode.fpga.fabric.BoardProfile;
import org.tinyode.fpga.fabric.GoldenSplitModel;
import org.tinyode.fpga.proto.v1.Device;
import org.tinyode.fpga.proto.v1.ExampleResult;
import org.tinyode.fpga.proto.v1.ImageBatch;
import org.tinyode.fpga.proto.v1.ImageFormat;
import org.tinyode.fpga.proto.v1.InferRequest;
import org.tinyode.fpga.proto.v1.InferResponse;
import org.tinyode.fpga.proto.v1.SplitPoint;
import org.tinyode.fpga.proto.v1.StageReport;
import org.tinyode.fpga.proto.v1.StemOutputBatch;
import org.tinyode.fpga.proto.v1.TensorFormat;
import org.tinyode.fpga.protocol.BoardProtocol;
import org.tinyode.fpga.protocol.Sha256;
import org.tinyode.fpga.testing.LoopbackBoard;
import org.tinyode.fpga.testing.TestCertificates;
import org.tinyode.model.golden.GoldenModel;
import org.tinyode.model.golden.Prediction;
import org.tinyode.model.quant.Quantizer;
import org.tinyode.model.spec.ModelSpec;
import org.tinyode.model.spec.StageSpec;
import org.tinyode.model.weights.RandomWeights;

/**
 * The bundled sample images through an emulated board over real TLS on 127.0.0.1, at both split points, equal
 * the local golden model bit for bit (logits as float bits, top-1, FPGA-part output bytes and hash, and the
 * {@code output_sha256} of every fabric stage = the SHA-256 of the golden model's stage-output tap).
 * STL-10 samples: paper-stl10 with seeded random quantized weights (no trained STL-10 file is bundled); CIFAR-10
 * samples: {@code models/cifar10-ode.quant.safetensors} when present, else seeded random cifar10-ode weights.
 */
class GoldenBoardSamplesTest {
  @TempDir static Path dir;
  static TestCertificates.Ca ca;
  static TestCertificates.Leaf cert;
  static Path root;

  @BeforeAll
  static void setUp() throws Exception {
    ca = TestCertificates.ca(dir, "golden samples ca");
    cert = TestCertificates.server(dir, ca);
    String r = System.getProperty("tinyode.root");
    root = r != null ? Path.of(r) : Path.of("").toAbsolutePath().getParent();
  }

  private static Path randomQuantized(String preset, long seed) {
    ModelSpec spec = ModelSpec.preset(preset);
    Path file = dir.resolve(preset + "-random-q.safetensors");
    Quantizer.quantize(RandomWeights.floatWeights(spec, seed), Quantizer.defaultFracs(spec)).save(file);
    return file;
  }

  private static List<byte[]> images(Path samples, int max) throws Exception {
    Assumptions.assumeTrue(Files.isDirectory(samples), "bundled samples missing: " + samples);
    List<byte[]> out = new ArrayList<>();
    try (ImageDataset ds = Datasets.open(samples, null, "test")) {
      for (int i = 0; i < Math.min(max, ds.size()); i++) {
        Example e = ds.get(i);
        out.add(e.rgb());
      }
    }
    return out;
  }

  @Test
  void stl10SamplesOnPaperStl10() throws Exception {
    List<byte[]> imgs = images(root.resolve("samples/stl10/test"), 10);
    assertEquals(10, imgs.size());
    check(randomQuantized("paper-stl10", 11), imgs);
  }

  @Test
  void cifar10SamplesOn32x32Preset() throws Exception {
    List<byte[]> imgs = images(root.resolve("samples/cifar10/test"), 16);
    Path trained = root.resolve("models/cifar10-ode.quant.safetensors");
    check(Files.isRegularFile(trained) ? trained : randomQuantized("cifar10-ode", 12), imgs);
  }

  /** The SHA-256 of every FPGA stage's output as the golden model taps it ({@code GoldenModel.outputTap}). */
  static List<String> goldenStageHashes(GoldenModel local, byte[] stemOut) {
    Map<String, String> byTap = new HashMap<>();
    local.runFpga(stemOut, (name, shape, values) -> {
      byte[] b = new byte[values.length];
      for (int k = 0; k < values.length; k++) {
        b[k] = (byte) values[k];
      }
      byTap.put(name, Sha256.hex(b));
    });
    List<String> out = new ArrayList<>();
    for (StageSpec st : local.spec().stages()) {
      out.add(byTap.get(GoldenModel.outputTap(st)));
    }
    return out;
  }

  static List<String> stageNames(ModelSpec spec) {
    return spec.stages().stream().map(StageSpec::name).toList();
  }

  /** The board's {@code output_sha256} of each fabric stage, in spec order ("" for a stage it did not report). */
  static List<String> fabricStageHashes(ExampleResult e, ModelSpec spec) {
    Map<String, String> m = new HashMap<>();
    e.getStagesList().forEach(s -> m.put(s.getStage(), s.getOutputSha256()));
    return stageNames(spec).stream().map(n -> m.getOrDefault(n, "")).toList();
  }

  /**
   * {@code corrupt-stage=trans1} on a real bundled image: the board reports the fault, its ode1 hash still equals
   * the golden tap, its trans1 output is the golden one with one element changed (hash of exactly that tensor),
   * and the later stages, the FPGA output and its hash genuinely differ (the corrupted tensor was fed on).
   */
  @Test
  void corruptStageChangesThatStageBeforeTheFollowingStagesRun() throws Exception {
    List<byte[]> imgs = images(root.resolve("samples/cifar10/test"), 2);
    Path trained = root.resolve("models/cifar10-ode.quant.safetensors");
    Path modelFile = Files.isRegularFile(trained) ? trained : randomQuantized("cifar10-ode", 12);
    GoldenModel local = GoldenModel.load(modelFile, null);
    ModelSpec spec = local.spec();
    try (LoopbackBoard board = new LoopbackBoard("cs", GoldenSplitModel.load(modelFile), cert, null, 1,
        FaultPlan.parse("corrupt-stage=trans1"), false, BoardProfile.load("zcu104"))) {
      ManagedChannel ch = board.channel(ca.certPem());
      try {
        BoardClient client = board.client("cs", ch);
        assertEquals(List.of("corrupt-stage=trans1"),
            client.describe(Duration.ofSeconds(10)).getInjectedFaultsList());
        ImageBatch.Builder ib = ImageBatch.newBuilder().setFormat(ImageFormat.newBuilder()
            .setHeight(spec.input().height()).setWidth(spec.input().width()).setChannels(3));
        InferRequest.Builder req = InferRequest.newBuilder().setProtocolVersion(BoardProtocol.VERSION)
            .setRequestId("corrupt").setReturnFabricOutput(true);
        for (int i = 0; i < imgs.size(); i++) {
          ib.addImages(ByteString.copyFrom(imgs.get(i)));
          req.addExampleIds("e" + i);
        }
        InferResponse r = client.infer(req.setImages(ib).build()).get(120, TimeUnit.SECONDS);
        assertFalse(r.hasError(), r.getError().getMessage());
        List<String> names = stageNames(spec);
        int t1 = names.indexOf("trans1");
        for (int i = 0; i < imgs.size(); i++) {
          ExampleResult e = r.getResults(i);
          byte[] stem = local.stemOut(imgs.get(i));
          List<String> golden = goldenStageHashes(local, stem);
          List<String> board1 = fabricStageHashes(e, spec);
          assertEquals(golden.subList(0, t1), board1.subList(0, t1), "stages before trans1 are clean");
          byte[] trans1 = local.runFpgaStages(stem, 0, t1 + 1, null);
          trans1[0] = (byte) ~trans1[0];
          assertEquals(Sha256.hex(trans1), board1.get(t1), "trans1 = golden output with one element flipped");
          for (int k = t1; k < names.size(); k++) {
            assertNotEquals(golden.get(k), board1.get(k), "stage " + names.get(k) + " diverges");
          }
          byte[] expected = local.runFpgaStages(trans1, t1 + 1, names.size(), null);
          assertArrayEquals(expected, e.getFabricOutput().toByteArray(), "later stages ran on the corrupted tensor");
          assertEquals(Sha256.hex(expected), e.getFabricOutputSha256());
          assertEquals(board1.get(names.size() - 1), e.getFabricOutputSha256());
          assertFalse(Arrays.equals(local.runFpga(stem, null), expected));
        }
        client.close();
      } finally {
        LoopbackBoard.shut(ch);
      }
    }
  }

  private static void check(Path modelFile, List<byte[]> imgs) throws Exception {
    GoldenModel local = GoldenModel.load(modelFile, null);
    ModelSpec spec = local.spec();
    try (LoopbackBoard board = new LoopbackBoard("gs", GoldenSplitModel.load(modelFile), cert, null, 2)) {
      ManagedChannel ch = board.channel(ca.certPem());
      try {
        BoardClient client = board.client("gs", ch);
        var d = client.describe(Duration.ofSeconds(10));
        assertEquals(Sha256.hex(modelFile), d.getModelSha256());
        ImageBatch.Builder ib = ImageBatch.newBuilder().setFormat(ImageFormat.newBuilder()
            .setHeight(spec.input().height()).setWidth(spec.input().width()).setChannels(3));
        StemOutputBatch.Builder sb = StemOutputBatch.newBuilder().setFormat(TensorFormat.newBuilder()
            .mergeFrom(d.getStemOutputFormat()));
        InferRequest.Builder byImage = InferRequest.newBuilder().setProtocolVersion(BoardProtocol.VERSION)
            .setRequestId("img").setReturnFabricOutput(true).setExpectedModelSha256(Sha256.hex(modelFile));
        InferRequest.Builder byStem = byImage.clone().setRequestId("stem");
        List<byte[]> stems = new ArrayList<>();
        for (int i = 0; i < imgs.size(); i++) {
          ib.addImages(ByteString.copyFrom(imgs.get(i)));
          stems.add(local.stemOut(imgs.get(i)));
          sb.addTensors(ByteString.copyFrom(stems.get(i)));
          byImage.addExampleIds("e" + i);
          byStem.addExampleIds("e" + i);
        }
        var fImg = client.infer(byImage.setImages(ib).build());
        var fStem = client.infer(byStem.setStemOutputs(sb).build());
        InferResponse ri = fImg.get(120, TimeUnit.SECONDS);
        InferResponse rs = fStem.get(120, TimeUnit.SECONDS);
        assertEquals(SplitPoint.SPLIT_POINT_IMAGE, ri.getSplitPoint());
        assertEquals(SplitPoint.SPLIT_POINT_STEM_OUTPUT, rs.getSplitPoint());
        for (InferResponse r : List.of(ri, rs)) {
          assertFalse(r.hasError(), r.getError().getMessage());
          for (int i = 0; i < imgs.size(); i++) {
            ExampleResult e = r.getResults(i);
            byte[] fpga = local.runFpga(stems.get(i), null);
            assertArrayEquals(fpga, e.getFabricOutput().toByteArray(), "FPGA output of example " + i);
            assertEquals(Sha256.hex(fpga), e.getFabricOutputSha256());
            Prediction p = local.predict(imgs.get(i));
            assertEquals(p.logits().length, e.getLogitsCount());
            for (int k = 0; k < p.logits().length; k++) {
              assertEquals(Float.floatToRawIntBits(p.logits()[k]), Float.floatToRawIntBits(e.getLogits(k)),
                  "logit " + k + " of example " + i);
            }
            assertEquals(p.top1(), e.getTop1());
            List<String> golden = goldenStageHashes(local, stems.get(i));
            assertEquals(golden, fabricStageHashes(e, spec), "per-stage output hashes of example " + i);
            assertEquals(e.getFabricOutputSha256(), golden.get(golden.size() - 1));
            for (StageReport s : e.getStagesList()) {
              if (s.getDevice() != Device.DEVICE_PL_FABRIC || !stageNames(spec).contains(s.getStage())) {
                assertEquals("", s.getOutputSha256(), "stage " + s.getStage() + " is not a fabric stage");
              }
            }
          }
        }
        client.close();
      } finally {
        LoopbackBoard.shut(ch);
      }
    }
  }
}
