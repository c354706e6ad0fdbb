package org.tinyode.fpga.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyode.fpga.client.BoardClient;
import org.tinyode.fpga.proto.v1.BoardDescription;
import org.tinyode.fpga.proto.v1.BoardGrpc;
import org.tinyode.fpga.proto.v1.Device;
import org.tinyode.fpga.proto.v1.ExampleResult;
import org.tinyode.fpga.proto.v1.ImageBatch;
import org.tinyode.fpga.proto.v1.ImageFormat;
import org.tinyode.fpga.proto.v1.InferRequest;
import org.tinyode.fpga.proto.v1.InferResponse;
import org.tinyode.fpga.proto.v1.ProtocolVersion;
import org.tinyode.fpga.proto.v1.RequestError;
import org.tinyode.fpga.proto.v1.SplitPoint;
import org.tinyode.fpga.proto.v1.StageReport;
import org.tinyode.fpga.proto.v1.StemOutputBatch;
import org.tinyode.fpga.protocol.BoardProtocol;
import org.tinyode.fpga.protocol.Sha256;
import org.tinyode.fpga.security.BearerToken;
import org.tinyode.fpga.testing.FakeSplitModel;
import org.tinyode.fpga.fabric.BoardProfile;
import org.tinyode.fpga.testing.LoopbackBoard;
import org.tinyode.fpga.testing.TestCertificates;

/** Describe and Infer over real TLS on 127.0.0.1, both split points, against a test-only fake model. */
class BoardRoundTripTest {
  static final String SHA = "ef".repeat(32);
  @TempDir static Path dir;
  static TestCertificates.Ca ca;
  static LoopbackBoard board;
  static ManagedChannel channel;
  static BoardClient client;

  @BeforeAll
  static void start() throws Exception {
    ca = TestCertificates.ca(dir, "rt ca");
    board = new LoopbackBoard("rt0", new FakeSplitModel(SHA), TestCertificates.server(dir, ca), null, 2);
    channel = board.channel(ca.certPem());
    client = board.client("rt0", channel);
  }

  @AfterAll
  static void stop() throws Exception {
    client.close();
    LoopbackBoard.shut(channel);
    board.close();
  }

  static byte[] image(int seed) {
    byte[] img = new byte[4 * 4 * 3];
    for (int i = 0; i < img.length; i++) {
      img[i] = (byte) (seed * 31 + i * 7);
    }
    return img;
  }

  static InferRequest imageRequest(String id, int n, boolean withBytes) {
    ImageBatch.Builder b = ImageBatch.newBuilder()
        .setFormat(ImageFormat.newBuilder().setHeight(4).setWidth(4).setChannels(3));
    InferRequest.Builder r = InferRequest.newBuilder().setProtocolVersion(BoardProtocol.VERSION).setRequestId(id)
        .setReturnFabricOutput(withBytes);
    for (int i = 0; i < n; i++) {
      b.addImages(ByteString.copyFrom(image(i)));
      r.addExampleIds(id + "/" + i);
    }
    return r.setImages(b).build();
  }

  @Test
  void describeReportsIdentityFormatsAndLimits() {
    BoardDescription d = client.describe(Duration.ofSeconds(10));
    assertEquals("rt0", d.getBoardId());
    assertEquals("emulated", d.getFabricKind());
    assertEquals(SHA, d.getModelSha256());
    assertEquals(BoardProfile.load("zcu104").plClockHz(), d.getPlClockHz());
    assertEquals("modeled:zcu104", d.getPlClockProvenance());
    assertEquals(4, d.getStemOutputFormat().getChannels());
    assertEquals(4, d.getStemOutputFormat().getFracBits());
    assertEquals(3, d.getFabricOutputFormat().getFracBits());
    assertEquals(3, d.getNumClasses());
    assertEquals(BoardProtocol.MAX_MESSAGE_BYTES, d.getMaxInboundMessageBytes());
    assertEquals(List.of("stem", "transfer_in", "ode1", "mhsa", "transfer_out", "head"), d.getStageNamesList());
    assertEquals("modeled", d.getPowerSensors(0).getKind());
  }

  @Test
  void imagesRunStemFabricAndHeadWithLabelledStages() throws Exception {
    InferResponse r = client.infer(imageRequest("img-1", 3, true)).get(20, TimeUnit.SECONDS);
    assertFalse(r.hasError(), r.getError().getMessage());
    assertEquals(SplitPoint.SPLIT_POINT_IMAGE, r.getSplitPoint());
    assertEquals(3, r.getResultsCount());
    FakeSplitModel local = new FakeSplitModel(SHA);
    for (int i = 0; i < 3; i++) {
      ExampleResult e = r.getResults(i);
      assertEquals("img-1/" + i, e.getExampleId());
      byte[] expected = local.fabricOutput(local.stem(image(i)));
      assertArrayEquals(expected, e.getFabricOutput().toByteArray());
      assertEquals(Sha256.hex(expected), e.getFabricOutputSha256());
      float[] logits = local.head(expected);
      for (int k = 0; k < 3; k++) {
        assertEquals(logits[k], e.getLogits(k));
      }
      List<String> names = e.getStagesList().stream().map(StageReport::getStage).toList();
      assertEquals(List.of("stem", "transfer_in", "ode1", "mhsa", "transfer_out", "head"), names);
      StageReport stem = e.getStages(0);
      assertEquals(Device.DEVICE_PS_SOFTWARE, stem.getDevice());
      assertEquals("measured:host-cpu-nanotime", stem.getSeconds().getProvenance());
      assertEquals("modeled:zcu104", stem.getModeledPsSeconds().getProvenance());
      assertEquals("modeled:zcu104", stem.getEnergyJoules().getProvenance());
      StageReport ode = e.getStages(2);
      assertEquals(Device.DEVICE_PL_FABRIC, ode.getDevice());
      assertTrue(ode.getCycles() > 0);
      assertEquals("modeled:zcu104", ode.getCyclesProvenance());
      assertEquals(ode.getCycles() / BoardProfile.load("zcu104").plClockHz(), ode.getSeconds().getValue(),
          1e-15);
      assertTrue(ode.getEnergyJoules().getValue() > 0);
    }
  }

  @Test
  void stemOutputSplitPointSkipsTheStemAndOmitsBytesUnlessAsked() throws Exception {
    FakeSplitModel local = new FakeSplitModel(SHA);
    byte[] stemOut = local.stem(image(5));
    InferRequest req = InferRequest.newBuilder().setProtocolVersion(BoardProtocol.VERSION).setRequestId("so-1")
        .addExampleIds("x").setStemOutputs(StemOutputBatch.newBuilder()
            .setFormat(org.tinyode.fpga.proto.v1.TensorFormat.newBuilder().setChannels(4).setHeight(4).setWidth(4)
                .setFracBits(4))
            .addTensors(ByteString.copyFrom(stemOut))).build();
    InferResponse r = client.infer(req).get(20, TimeUnit.SECONDS);
    assertEquals(SplitPoint.SPLIT_POINT_STEM_OUTPUT, r.getSplitPoint());
    ExampleResult e = r.getResults(0);
    assertTrue(e.getFabricOutput().isEmpty());
    assertEquals(Sha256.hex(local.fabricOutput(stemOut)), e.getFabricOutputSha256());
    assertEquals("transfer_in", e.getStages(0).getStage());
  }

  @Test
  void manyRequestsOnOneStreamAllAnsweredById() throws Exception {
    List<CompletableFuture<InferResponse>> fs = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      fs.add(client.infer(imageRequest("many-" + i, 2, false)));
    }
    for (int i = 0; i < 20; i++) {
      InferResponse r = fs.get(i).get(20, TimeUnit.SECONDS);
      assertEquals("many-" + i, r.getRequestId());
      assertEquals(2, r.getResultsCount());
    }
  }

  @Test
  void badInputIsAnErrorResponseAndTheStreamStaysOpen() throws Exception {
    InferRequest bad = imageRequest("bad-1", 2, false).toBuilder().addExampleIds("extra").build();
    InferResponse r = client.infer(bad).get(20, TimeUnit.SECONDS);
    assertEquals(RequestError.Code.INVALID_INPUT, r.getError().getCode());
    assertTrue(r.getError().getMessage().contains("2 images for 3 example_ids"), r.getError().getMessage());
    InferResponse wrongModel = client.infer(imageRequest("bad-2", 1, false).toBuilder()
        .setExpectedModelSha256("00".repeat(32)).build()).get(20, TimeUnit.SECONDS);
    assertEquals(RequestError.Code.MODEL_MISMATCH, wrongModel.getError().getCode());
    InferResponse ok = client.infer(imageRequest("after-bad", 1, false)).get(20, TimeUnit.SECONDS);
    assertFalse(ok.hasError());
  }

  @Test
  void otherProtocolVersionIsRefused() {
    var stub = BoardGrpc.newBlockingStub(channel).withCallCredentials(new BearerToken(LoopbackBoard.TOKEN))
        .withDeadlineAfter(10, TimeUnit.SECONDS);
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> stub.describe(
        org.tinyode.fpga.proto.v1.DescribeRequest.newBuilder()
            .setProtocolVersion(ProtocolVersion.PROTOCOL_VERSION_UNSPECIFIED).build()));
    assertEquals(Status.Code.FAILED_PRECONDITION, e.getStatus().getCode());
    BoardClient other = board.client("rt0-v0", channel);
    CompletableFuture<InferResponse> f = other.infer(imageRequest("v0", 1, false).toBuilder()
        .setProtocolVersion(ProtocolVersion.PROTOCOL_VERSION_UNSPECIFIED).build());
    ExecutionException ex = assertThrows(ExecutionException.class, () -> f.get(20, TimeUnit.SECONDS));
    assertEquals(Status.Code.FAILED_PRECONDITION, Status.fromThrowable(ex.getCause()).getCode());
  }
}
