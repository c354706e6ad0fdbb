package org.tinyode.fpga.testing;

import java.util.concurrent.atomic.AtomicInteger;
import org.tinyode.fpga.fabric.SplitModel;
import org.tinyode.model.spec.ModelSpec;

/**
 * TEST ONLY, not the golden model: a deterministic stand-in with a tiny spec (4x4x3 input, 1x1 stem to 4
 * channels, ode1 and mhsa on 4x4x4, 3 classes) and trivially hand-checkable integer arithmetic:
 * stem {@code out[c][y][x] = (img[y][x][c % 3] >> 1) - 64 + c}; fabric stage {@code i}:
 * {@code sat8(v + i + 1)}; head: logit {@code k} = mean of channels {@code c} with {@code c % 3 == k}, times
 * {@code 2^-fracOut}. Optional delay per fabric run and failure switch for pool tests.
 */
public final class FakeSplitModel implements SplitModel {
  public static final String SPEC_JSON = """
      {"specVersion":1,"name":"fake-tiny","numClasses":3,"classNames":["a","b","c"],
       "input":{"height":4,"width":4,"channels":3,"mean":[0.5,0.5,0.5],"std":[0.25,0.25,0.25]},
       "stem":{"outChannels":4,"kernel":1,"stride":1,"poolKernel":0,"poolStride":0,"device":"cpu"},
       "stages":[
         {"type":"odeblock","name":"ode1","channels":4,"steps":2,"stepSize":0.5,"device":"fpga"},
         {"type":"mhsa","name":"mhsa","channels":4,"heads":1,"headDim":4,"height":4,"width":4,"device":"fpga"}],
       "head":{"pool":"global-avg","device":"cpu"}}
      """;

  private final ModelSpec spec = ModelSpec.fromJson(SPEC_JSON);
  private final String sha;
  private volatile long delayMillis;
  private volatile boolean failing;
  public final AtomicInteger fabricRuns = new AtomicInteger();

  public FakeSplitModel(String sha) {
    this.sha = sha;
  }

  public FakeSplitModel delay(long millis) {
    this.delayMillis = millis;
    return this;
  }

  public FakeSplitModel failing(boolean f) {
    this.failing = f;
    return this;
  }

  @Override
  public ModelSpec spec() {
    return spec;
  }

  @Override
  public String modelSha256() {
    return sha;
  }

  @Override
  public int stemOutputFracBits() {
    return 4;
  }

  @Override
  public int fabricOutputFracBits() {
    return 3;
  }

  @Override
  public byte[] stem(byte[] img) {
    byte[] out = new byte[4 * 16];
    for (int c = 0; c < 4; c++) {
      for (int p = 0; p < 16; p++) {
        out[c * 16 + p] = (byte) (((img[p * 3 + c % 3] & 0xFF) >> 1) - 64 + c);
      }
    }
    return out;
  }

  @Override
  public byte[] runFabric(byte[] in) {
    fabricRuns.incrementAndGet();
    if (failing) {
      throw new IllegalStateException("injected fabric failure");
    }
    if (delayMillis > 0) {
      try {
        Thread.sleep(delayMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return runLocal(in);
  }

  @Override
  public float[] head(byte[] x) {
    float[] logits = new float[3];
    int[] count = new int[3];
    for (int c = 0; c < 4; c++) {
      for (int p = 0; p < 16; p++) {
        logits[c % 3] += x[c * 16 + p];
      }
      count[c % 3] += 16;
    }
    for (int k = 0; k < 3; k++) {
      logits[k] = logits[k] / count[k] * 0.125f;
    }
    return logits;
  }

  /** The whole network locally: stem, both stages, head (for comparisons). */
  public byte[] fabricOutput(byte[] stemOut) {
    return runLocal(stemOut);
  }

  private byte[] runLocal(byte[] x) {
    for (int i = 0; i < spec.stages().size(); i++) {
      byte[] out = new byte[x.length];
      for (int j = 0; j < x.length; j++) {
        out[j] = (byte) Math.max(-128, Math.min(127, x[j] + i + 1));
      }
      x = out;
    }
    return x;
  }
}
