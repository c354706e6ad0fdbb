package org.tinyode.fpga.agent;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.tinyode.fpga.fabric.FabricInfo;
import org.tinyode.fpga.fabric.PacedFabric;
import org.tinyode.fpga.power.PowerMonitor;
import org.tinyode.fpga.proto.v1.BoardDescription;
import org.tinyode.fpga.proto.v1.BoardGrpc;
import org.tinyode.fpga.proto.v1.DescribeRequest;
import org.tinyode.fpga.proto.v1.ImageFormat;
import org.tinyode.fpga.proto.v1.InferRequest;
import org.tinyode.fpga.proto.v1.InferResponse;
import org.tinyode.fpga.proto.v1.PowerSensor;
import org.tinyode.fpga.proto.v1.ProtocolVersion;
import org.tinyode.fpga.proto.v1.TensorFormat;
import org.tinyode.fpga.protocol.BoardProtocol;
import org.tinyode.model.spec.FeatureShape;
import org.tinyode.model.spec.ModelSpec;

/**
 * The {@code tinyode.board.v1.Board} service. Describe answers from the engine's model and fabric; Infer runs
 * each request on {@code workers} (in parallel when it has several threads) and writes each response as soon as
 * it is done. A request with another protocol version ends the stream with FAILED_PRECONDITION.
 */
public final class BoardService extends BoardGrpc.BoardImplBase {
  private static final Logger LOG = Logger.getLogger(BoardService.class.getName());

  private final InferenceEngine engine;
  private final ExecutorService workers;
  private final String serial;
  private final String profileName;
  private final FaultInjector faults;
  private final AtomicLong describeCalls = new AtomicLong();

  public BoardService(InferenceEngine engine, ExecutorService workers, String serial, String profileName) {
    this(engine, workers, serial, profileName, FaultInjector.none());
  }

  /** With injected faults (tests): see {@link FaultPlan}. */
  public BoardService(InferenceEngine engine, ExecutorService workers, String serial, String profileName,
      FaultInjector faults) {
    this.engine = engine;
    this.workers = workers;
    this.serial = serial;
    this.profileName = profileName;
    this.faults = faults;
  }

  public FaultInjector faults() {
    return faults;
  }

  public InferenceEngine engine() {
    return engine;
  }

  /** Describe calls that reached the service (refused calls never do). */
  public long describeCalls() {
    return describeCalls.get();
  }

  @Override
  public void describe(DescribeRequest req, StreamObserver<BoardDescription> out) {
    if (req.getProtocolVersion() != BoardProtocol.VERSION) {
      out.onError(versionError(req.getProtocolVersion()).asRuntimeException());
      return;
    }
    describeCalls.incrementAndGet();
    out.onNext(description());
    out.onCompleted();
  }

  public BoardDescription description() {
    ModelSpec spec = engine.model().spec();
    FabricInfo f = engine.fabric().info();
    BoardDescription.Builder d = BoardDescription.newBuilder().setProtocolVersion(BoardProtocol.VERSION)
        .setAgentVersion(BoardProtocol.AGENT_VERSION).setBoardId(engine.boardId()).setSerial(serial)
        .setFabricKind(f.kind()).setBitstreamId(f.bitstreamId()).setBitstreamSha256(f.bitstreamSha256())
        .setModelSha256(engine.model().modelSha256()).setModelName(spec.name())
        .setPlClockHz(f.plClockHz()).setPlClockProvenance(f.plClockProvenance()).setProfile(profileName)
        .setImageFormat(ImageFormat.newBuilder().setHeight(spec.input().height()).setWidth(spec.input().width())
            .setChannels(spec.input().channels()))
        .setStemOutputFormat(format(spec.stemOutput(), engine.model().stemOutputFracBits()))
        .setFabricOutputFormat(format(spec.fpgaOutput(), engine.model().fabricOutputFracBits()))
        .setNumClasses(spec.numClasses()).setMaxBatch(BoardProtocol.MAX_BATCH)
        .setMaxInboundMessageBytes(BoardProtocol.MAX_MESSAGE_BYTES)
        .setMaxOutboundMessageBytes(BoardProtocol.MAX_MESSAGE_BYTES);
    for (PowerMonitor.SensorInfo s : engine.softwarePower().sensors()) {
      d.addPowerSensors(PowerSensor.newBuilder().setName(s.name()).setKind(s.kind())
          .setProvenance(engine.softwarePower().provenance()).setCovers("ps-software"));
    }
    String fabricEnergy = f.energyProvenance();
    d.addPowerSensors(PowerSensor.newBuilder().setName(fabricEnergy.substring(fabricEnergy.indexOf(':') + 1))
        .setKind(fabricEnergy.startsWith("modeled:") ? "modeled" : f.kind()).setProvenance(fabricEnergy)
        .setCovers("pl-fabric"));
    d.addStageNames("stem").addAllStageNames(f.stageNames()).addStageNames("head");
    d.setRealtime(engine.fabric() instanceof PacedFabric).addAllInjectedFaults(faults.plan().canonical());
    return d.build();
  }

  private static TensorFormat format(FeatureShape s, int frac) {
    return TensorFormat.newBuilder().setChannels(s.channels()).setHeight(s.height()).setWidth(s.width())
        .setFracBits(frac).build();
  }

  private static Status versionError(ProtocolVersion seen) {
    return Status.FAILED_PRECONDITION.withDescription("protocol version " + seen.getNumber()
        + " not supported; this agent speaks " + BoardProtocol.VERSION.getNumber());
  }

  @Override
  public StreamObserver<InferRequest> infer(StreamObserver<InferResponse> responses) {
    return new InferStream((ServerCallStreamObserver<InferResponse>) responses);
  }

  /** One Infer call: counts outstanding requests so the call completes after the last response. */
  private final class InferStream implements StreamObserver<InferRequest> {
    private final ServerCallStreamObserver<InferResponse> out;
    private int outstanding;
    private boolean halfClosed;
    private boolean finished;

    InferStream(ServerCallStreamObserver<InferResponse> out) {
      this.out = out;
      out.setOnCancelHandler(() -> {
        synchronized (this) {
          finished = true;
        }
      });
    }

    @Override
    public void onNext(InferRequest req) {
      synchronized (this) {
        if (finished) {
          return;
        }
        if (req.getProtocolVersion() != BoardProtocol.VERSION) {
          finished = true;
          out.onError(versionError(req.getProtocolVersion()).asRuntimeException());
          return;
        }
        outstanding++;
      }
      try {
        workers.execute(() -> deliver(engine.run(req)));
      } catch (RejectedExecutionException e) {
        synchronized (this) {
          outstanding--;
          if (!finished) {
            finished = true;
            out.onError(Status.UNAVAILABLE.withDescription("agent shutting down").asRuntimeException());
          }
        }
      }
    }

    /** Sends the response, or what the fault plan makes of it (dropped, stream reset, board crashed). */
    private void deliver(InferResponse r) {
      FaultInjector.Decision d = faults.decide(r);
      synchronized (this) {
        outstanding--;
        if (finished) {
          return;
        }
        switch (d.action()) {
          case SEND -> out.onNext(d.response());
          case DROP -> LOG.fine(() -> "injected fault: dropped response " + r.getRequestId());
          case RESET -> {
            finished = true;
            out.onError(Status.UNAVAILABLE.withDescription("connection reset (injected fault reset-after="
                + faults.plan().resetAfter() + ")").asRuntimeException());
            return;
          }
          case CRASH -> {
            return; // the crash handler is stopping the server; this stream dies with it
          }
        }
        completeIfDone();
      }
    }

    @Override
    public synchronized void onError(Throwable t) {
      finished = true;
      LOG.fine(() -> "infer stream ended by client: " + Status.fromThrowable(t));
    }

    @Override
    public synchronized void onCompleted() {
      halfClosed = true;
      completeIfDone();
    }

    private void completeIfDone() {
      if (halfClosed && outstanding == 0 && !finished) {
        finished = true;
        out.onCompleted();
      }
    }
  }
}
