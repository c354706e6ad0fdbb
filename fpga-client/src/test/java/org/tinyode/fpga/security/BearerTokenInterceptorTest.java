package org.tinyode.fpga.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.CallCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyode.fpga.agent.BoardServer;
import org.tinyode.fpga.proto.v1.BoardGrpc;
import org.tinyode.fpga.proto.v1.DescribeRequest;
import org.tinyode.fpga.protocol.BoardProtocol;
import org.tinyode.fpga.testing.FakeSplitModel;
import org.tinyode.fpga.testing.LoopbackBoard;
import org.tinyode.fpga.testing.TestCertificates;

/** Every refusal over real TLS on 127.0.0.1: distinct UNAUTHENTICATED descriptions, logged, no work done. */
class BearerTokenInterceptorTest {
  @TempDir static Path dir;
  static TestCertificates.Ca ca;
  static LoopbackBoard board;
  static ManagedChannel channel;
  static final List<LogRecord> logs = new ArrayList<>();
  static final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord r) {
      synchronized (logs) {
        logs.add(r);
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  @BeforeAll
  static void start() throws Exception {
    ca = TestCertificates.ca(dir, "test ca");
    board = new LoopbackBoard("b0", new FakeSplitModel("ab".repeat(32)), TestCertificates.server(dir, ca), null, 1);
    channel = board.channel(ca.certPem());
    Logger.getLogger(BearerTokenInterceptor.class.getName()).addHandler(capture);
  }

  @AfterAll
  static void stop() throws Exception {
    Logger.getLogger(BearerTokenInterceptor.class.getName()).removeHandler(capture);
    LoopbackBoard.shut(channel);
    board.close();
  }

  private static CallCredentials header(String value) {
    return new CallCredentials() {
      @Override
      public void applyRequestMetadata(RequestInfo info, Executor ex, MetadataApplier applier) {
        Metadata m = new Metadata();
        m.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), value);
        applier.apply(m);
      }
    };
  }

  private static StatusRuntimeException describeWith(CallCredentials creds) {
    var stub = BoardGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
    if (creds != null) {
      stub = stub.withCallCredentials(creds);
    }
    var finalStub = stub;
    return assertThrows(StatusRuntimeException.class, () -> finalStub.describe(
        DescribeRequest.newBuilder().setProtocolVersion(BoardProtocol.VERSION).build()));
  }

  @Test
  void refusesMissingWrongSchemeAndBadTokenWithoutDoingWork() {
    long before = board.auth.refusedCalls();
    StatusRuntimeException none = describeWith(null);
    StatusRuntimeException basic = describeWith(header("Basic dXNlcjpwYXNz"));
    StatusRuntimeException wrong = describeWith(new BearerToken("not-the-right-token-at-all"));

    assertEquals(Status.Code.UNAUTHENTICATED, none.getStatus().getCode());
    assertEquals(BearerTokenInterceptor.MISSING, none.getStatus().getDescription());
    assertEquals(Status.Code.UNAUTHENTICATED, basic.getStatus().getCode());
    assertEquals(BearerTokenInterceptor.WRONG_SCHEME, basic.getStatus().getDescription());
    assertEquals(Status.Code.UNAUTHENTICATED, wrong.getStatus().getCode());
    assertEquals(BearerTokenInterceptor.BAD_TOKEN, wrong.getStatus().getDescription());

    assertEquals(before + 3, board.auth.refusedCalls());
    assertEquals(0, board.service.describeCalls(), "no refused call reached the service");
    assertEquals(0, board.engine.requestsRun());
    synchronized (logs) {
      assertTrue(logs.stream().anyMatch(r -> r.getMessage().contains("Describe") && r.getMessage().contains(
          BearerTokenInterceptor.BAD_TOKEN)), "refusals are logged");
      assertTrue(logs.stream().noneMatch(r -> r.getMessage().contains("not-the-right-token")),
          "the token is never logged");
    }
  }

  @Test
  void refusesInferStreamAndHealthWithoutToken() {
    var health = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
        () -> health.check(HealthCheckRequest.newBuilder().setService(BoardProtocol.SERVICE_NAME).build()));
    assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
    HealthCheckResponse ok = health.withCallCredentials(new BearerToken(LoopbackBoard.TOKEN))
        .check(HealthCheckRequest.newBuilder().setService(BoardProtocol.SERVICE_NAME).build());
    assertEquals(HealthCheckResponse.ServingStatus.SERVING, ok.getStatus());
  }

  @Test
  void plaintextClientIsRefusedByTheTlsServer() throws Exception {
    ManagedChannel plain = Grpc.newChannelBuilder(board.target(), InsecureChannelCredentials.create()).build();
    try {
      var stub = BoardGrpc.newBlockingStub(plain).withDeadlineAfter(10, TimeUnit.SECONDS);
      StatusRuntimeException noTls = assertThrows(StatusRuntimeException.class, () -> stub.describe(
          DescribeRequest.newBuilder().setProtocolVersion(BoardProtocol.VERSION).build()));
      assertEquals(Status.Code.UNAVAILABLE, noTls.getStatus().getCode(), noTls.toString());
    } finally {
      LoopbackBoard.shut(plain);
    }
    assertEquals(0, board.service.describeCalls());
  }

  @Test
  void clientNeverSendsTheTokenWithoutTls() throws Exception {
    BearerTokenInterceptor auth = new BearerTokenInterceptor(LoopbackBoard.TOKEN);
    BoardServer plainServer = new BoardServer(BoardServer.tlsBuilder("127.0.0.1", 0,
        InsecureServerCredentials.create()), board.service, auth).start();
    ManagedChannel plain = Grpc.newChannelBuilder("127.0.0.1:" + plainServer.port(),
        InsecureChannelCredentials.create()).build();
    try {
      var stub = BoardGrpc.newBlockingStub(plain).withDeadlineAfter(10, TimeUnit.SECONDS)
          .withCallCredentials(new BearerToken(LoopbackBoard.TOKEN));
      StatusRuntimeException withheld = assertThrows(StatusRuntimeException.class, () -> stub.describe(
          DescribeRequest.newBuilder().setProtocolVersion(BoardProtocol.VERSION).build()));
      assertEquals(Status.Code.UNAUTHENTICATED, withheld.getStatus().getCode());
      assertTrue(withheld.getStatus().getDescription().contains("without TLS"), withheld.toString());
      assertEquals(0, auth.refusedCalls(), "the call never left the client");
    } finally {
      LoopbackBoard.shut(plain);
      plainServer.stop(java.time.Duration.ofSeconds(2));
    }
  }

  @Test
  void checkDistinguishesTheThreeCases() {
    BearerTokenInterceptor i = new BearerTokenInterceptor("secret-token-123456");
    assertEquals(BearerTokenInterceptor.MISSING, i.check(null));
    assertEquals(BearerTokenInterceptor.MISSING, i.check(" "));
    assertEquals(BearerTokenInterceptor.WRONG_SCHEME, i.check("Token secret-token-123456"));
    assertEquals(BearerTokenInterceptor.BAD_TOKEN, i.check("Bearer secret-token-12345"));
    assertNull(i.check("Bearer secret-token-123456"));
    assertNull(i.check("bearer secret-token-123456"));
  }
}
