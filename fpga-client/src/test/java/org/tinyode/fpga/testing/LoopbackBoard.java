package org.tinyode.fpga.testing;

import io.grpc.ManagedChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.tinyode.fpga.agent.BoardServer;
import org.tinyode.fpga.agent.FaultInjector;
import org.tinyode.fpga.agent.FaultPlan;
import org.tinyode.fpga.agent.BoardService;
import org.tinyode.fpga.agent.InferenceEngine;
import org.tinyode.fpga.client.BoardChannels;
import org.tinyode.fpga.client.BoardClient;
import org.tinyode.fpga.fabric.BoardProfile;
import org.tinyode.fpga.fabric.CycleModel;
import org.tinyode.fpga.fabric.EmulatedFabric;
import org.tinyode.fpga.fabric.Fabric;
import org.tinyode.fpga.fabric.PacedFabric;
import org.tinyode.fpga.fabric.SplitModel;
import org.tinyode.fpga.power.ModeledPowerMonitor;
import org.tinyode.fpga.security.BearerToken;
import org.tinyode.fpga.security.BearerTokenInterceptor;
import org.tinyode.fpga.security.TlsFiles;

/**
 * TEST ONLY: a board agent with a {@link SplitModel} (the fake, or the golden adapter) over real TLS on 127.0.0.1 (port 0), stopped through
 * its own handle, plus helpers to open authenticated clients to it.
 */
public final class LoopbackBoard implements AutoCloseable {
  public static final String TOKEN = "test-token-0123456789abcdef";

  public final SplitModel model;
  public final InferenceEngine engine;
  public final BoardService service;
  public final BearerTokenInterceptor auth;
  public final BoardServer server;
  private final ExecutorService workers;

  public final FaultInjector faults;

  public LoopbackBoard(String id, SplitModel model, TestCertificates.Leaf serverCert, Path clientCa,
      int workerThreads) {
    this(id, model, serverCert, clientCa, workerThreads, FaultPlan.NONE, false, BoardProfile.load("zcu104"));
  }

  /** With injected faults (a crash kills this server) and optionally realtime pacing on {@code profile}. */
  public LoopbackBoard(String id, SplitModel model, TestCertificates.Leaf serverCert, Path clientCa,
      int workerThreads, FaultPlan plan, boolean realtime, BoardProfile profile) {
    this.faults = new FaultInjector(plan);
    this.model = faults.model(model);
    Fabric fabric = new EmulatedFabric(this.model, profile);
    this.engine = new InferenceEngine(id, this.model, realtime ? new PacedFabric(fabric) : fabric,
        new ModeledPowerMonitor(profile), new CycleModel(profile));
    this.workers = Executors.newFixedThreadPool(workerThreads);
    this.service = new BoardService(engine, workers, "emulated-" + id, profile.name(), faults);
    this.auth = new BearerTokenInterceptor(TOKEN);
    this.server = new BoardServer(BoardServer.tlsBuilder("127.0.0.1", 0,
        TlsFiles.server(serverCert.certPem(), serverCert.keyPem(), clientCa)), service, auth).start();
    faults.onCrash(() -> {
      try {
        server.kill();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }

  /** The model as the test-only fake (for its counters; not with wrong-model-hash). */
  public FakeSplitModel fake() {
    return (FakeSplitModel) model;
  }

  /** zcu104 with the PL clock scaled so the fake model's fabric part takes {@code seconds} per example. */
  public static BoardProfile slowProfile(double seconds) {
    BoardProfile z = BoardProfile.load("zcu104");
    double modeled = new CycleModel(z).plan(new FakeSplitModel("00".repeat(32)).spec()).stream()
        .mapToDouble(org.tinyode.fpga.fabric.StageCycles::seconds).sum();
    return new BoardProfile(z.name(), z.description(), z.plClockHz() * modeled / seconds, z.engines(),
        z.layerTypes(), z.memory(), z.power(), z.ps());
  }

  public String target() {
    return "127.0.0.1:" + server.port();
  }

  /** A TLS channel trusting {@code ca}, without a client certificate. */
  public ManagedChannel channel(Path ca) {
    return BoardChannels.open(target(), TlsFiles.client(ca, null, null));
  }

  public BoardClient client(String name, ManagedChannel channel) {
    return new BoardClient(name, channel, new BearerToken(TOKEN));
  }

  public static void shut(ManagedChannel ch) throws InterruptedException {
    ch.shutdownNow();
    ch.awaitTermination(5, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    try {
      server.stop(Duration.ofSeconds(2));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    workers.shutdownNow();
  }
}
