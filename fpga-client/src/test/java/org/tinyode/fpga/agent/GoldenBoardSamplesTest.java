package org.tinyode.fpga.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyode.datasets.Example;
import org.tinyode.datasets.ImageDataset;
import org.tinyode.datasets.Datasets;
import org.tinyode.fpga.client.BoardClient;
import org.tinyode.fpga.fabric.GoldenSplitModel;
import org.tinyode.fpga.proto.v1.ExampleResult;
import org.tinyode.fpga.proto.v1.ImageBatch;
import org.tinyode.fpga.proto.v1.ImageFormat;
import org.tinyode.fpga.proto.v1.InferRequest;
import org.tinyode.fpga.proto.v1.InferResponse;
import org.tinyode.fpga.proto.v1.SplitPoint;
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
import org.tinyode.model.weights.RandomWeights;

/**
 * The bundled sample images through an emulated board over real TLS on 127.0.0.1, at both split points, equal
 * the local golden model bit for bit (logits as float bits, top-1, FPGA-part output bytes and hash).
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
          }
        }
        client.close();
      } finally {
        LoopbackBoard.shut(ch);
      }
    }
  }
}
