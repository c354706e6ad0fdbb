package org.tinyode.fpga.agent;

import com.google.protobuf.ByteString;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import java.util.List;
import org.tinyode.fpga.fabric.ForwardingSplitModel;
import org.tinyode.fpga.fabric.SplitModel;
import org.tinyode.fpga.fabric.StageEdit;
import org.tinyode.fpga.fabric.StagedOutput;
import org.tinyode.fpga.proto.v1.ExampleResult;
import org.tinyode.fpga.proto.v1.InferResponse;
import org.tinyode.fpga.protocol.Sha256;
import org.tinyode.model.spec.StageSpec;

/**
 * Applies a {@link FaultPlan} to one board's Infer responses (board-wide counts, all streams). {@link #decide}
 * is called on a worker thread for each response before it is sent: it sleeps the injected latency, then says
 * whether to send (possibly mangled), drop, reset the stream or crash the board (the crash handler runs once, on
 * its own thread).
 */
public final class FaultInjector {
  private static final Logger LOG = Logger.getLogger(FaultInjector.class.getName());

  public enum Action { SEND, DROP, RESET, CRASH }

  public record Decision(Action action, InferResponse response) {}

  private final FaultPlan plan;
  private final Random random;
  private final AtomicLong responses = new AtomicLong();
  private final AtomicBoolean crashed = new AtomicBoolean();
  private volatile Runnable crashHandler = () -> {};

  public FaultInjector(FaultPlan plan) {
    this.plan = plan;
    this.random = new Random(plan.seed());
  }

  public static FaultInjector none() {
    return new FaultInjector(FaultPlan.NONE);
  }

  public FaultPlan plan() {
    return plan;
  }

  /** What a crash does (stop the server at once); set by whoever owns the server. */
  public void onCrash(Runnable handler) {
    this.crashHandler = handler;
  }

  public boolean crashed() {
    return crashed.get();
  }

  /**
   * The model as this board runs and claims it: with {@code wrong-model-hash}, another hash everywhere; with
   * {@code corrupt-stage=<stage>}, that fabric stage's output corrupted mid-network (IllegalArgumentException when
   * the model has no such fabric stage).
   */
  public SplitModel model(SplitModel real) {
    SplitModel m = real;
    if (!plan.corruptStage().isEmpty()) {
      m = new CorruptStageModel(m, plan.corruptStage());
    }
    return plan.wrongModelHash() ? new WrongHashModel(m) : m;
  }

  public Decision decide(InferResponse r) {
    if (!plan.latency().isZero()) {
      try {
        Thread.sleep(plan.latency().toMillis(), plan.latency().toNanosPart() % 1_000_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    long n = responses.incrementAndGet();
    if (plan.crashAfter() > 0 && n > plan.crashAfter()) {
      if (crashed.compareAndSet(false, true)) {
        LOG.warning("injected fault: crash after " + plan.crashAfter() + " responses");
        Thread t = new Thread(crashHandler, "board-injected-crash");
        t.setDaemon(true);
        t.start();
      }
      return new Decision(Action.CRASH, null);
    }
    if (plan.resetAfter() > 0 && n == plan.resetAfter() + 1) {
      LOG.warning("injected fault: stream reset after " + plan.resetAfter() + " responses");
      return new Decision(Action.RESET, null);
    }
    if (plan.dropProbability() > 0) {
      boolean drop;
      synchronized (random) {
        drop = random.nextDouble() < plan.dropProbability();
      }
      if (drop) {
        return new Decision(Action.DROP, null);
      }
    }
    return new Decision(Action.SEND, plan.corruptPayload() ? corrupt(r) : r);
  }

  private static InferResponse corrupt(InferResponse r) {
    InferResponse.Builder b = r.toBuilder();
    for (int i = 0; i < b.getResultsCount(); i++) {
      ExampleResult.Builder e = b.getResultsBuilder(i);
      var logits = new java.util.ArrayList<>(e.getLogitsList());
      if (!logits.isEmpty()) {
        logits.remove(logits.size() - 1);
      }
      e.clearLogits().addAllLogits(logits);
      if (!e.getFabricOutput().isEmpty()) {
        byte[] out = e.getFabricOutput().toByteArray();
        out[0] = (byte) ~out[0];
        e.setFabricOutput(ByteString.copyFrom(out));
      }
    }
    return b.build();
  }

  /** Same model, another claimed hash (SHA-256 of the real hash + "-wrong"). */
  private static final class WrongHashModel extends ForwardingSplitModel {
    private final String sha;

    WrongHashModel(SplitModel real) {
      super(real);
      this.sha = Sha256.hex((real.modelSha256() + "-wrong").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Override
    public String modelSha256() {
      return sha;
    }
  }

  /**
   * Same model, but the first element of one fabric stage's int8 output is bit-inverted before the next stage
   * reads it (a real value change, not a hash change: the later stages, the FPGA output and the logits follow).
   */
  private static final class CorruptStageModel extends ForwardingSplitModel {
    private final StageEdit corrupt;

    CorruptStageModel(SplitModel real, String stage) {
      super(real);
      List<String> names = real.spec().stages().stream().map(StageSpec::name).toList();
      if (!names.contains(stage)) {
        throw new IllegalArgumentException("fault 'corrupt-stage=" + stage + "': model " + real.spec().name()
            + " has no fabric stage " + stage + " (stages: " + String.join(", ", names) + ")");
      }
      this.corrupt = (name, out) -> {
        if (name.equals(stage) && out.length > 0) {
          out[0] = (byte) ~out[0];
        }
      };
    }

    @Override
    public byte[] runFabric(byte[] stemOutput) {
      return runFabricStaged(stemOutput, null).output();
    }

    @Override
    public StagedOutput runFabricStaged(byte[] stemOutput, StageEdit edit) {
      return delegate.runFabricStaged(stemOutput, StageEdit.both(corrupt, edit));
    }
  }
}
