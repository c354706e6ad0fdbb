package org.tinyode.model.spec;

import java.util.ArrayList;
import java.util.List;

/** Parameter, MAC and deployed-size counts per stage of a spec (see docs/model-spec.md, "Cost model"). */
public record ModelCost(String model, List<StageCost> stages) {

  /**
   * ResNet-50 with a 10-class FC: 25,557,032 (torchvision, 1000 classes) − 2,049,000 (FC 2048x1000 + bias)
   * + 20,490 (FC 2048x10 + bias) = 23,528,522 parameters. The paper's "12x fewer than ResNet-50" is measured
   * against about this number.
   */
  public static final long RESNET50_PARAMS_10_CLASSES = 23_528_522L;

  public static ModelCost of(ModelSpec spec) {
    List<StageCost> out = new ArrayList<>();
    int inC = spec.input().channels();
    StemSpec st = spec.stem();
    int k = st.kernel();
    int ch = FeatureShape.convOut(spec.input().height(), k, st.stride(), st.padding());
    int cw = FeatureShape.convOut(spec.input().width(), k, st.stride(), st.padding());
    long stemW = (long) st.outChannels() * inC * k * k;
    out.add(new StageCost("stem", "conv+bn+relu+pool", "cpu", stemW + 2L * st.outChannels(),
        stemW * ch * cw, 4L * (stemW + st.outChannels())));
    List<FeatureShape> outs = spec.stageOutputs();
    for (int i = 0; i < spec.stages().size(); i++) {
      FeatureShape o = outs.get(i);
      long hw = (long) o.height() * o.width();
      StageSpec stage = spec.stages().get(i);
      if (stage instanceof OdeBlockSpec b) {
          long w = 2L * b.channels() * b.channels() * 9;
          out.add(new StageCost(b.name(), "odeblock", "fpga", w + 4L * b.channels(), w * hw * b.steps(),
              w + 2L * 5 * b.channels()));
      } else if (stage instanceof TransitionSpec t) {
          long w = (long) t.inChannels() * t.outChannels() * t.kernel() * t.kernel();
          out.add(new StageCost(t.name(), "transition", "fpga", w + 2L * t.outChannels(), w * hw,
              w + 5L * t.outChannels()));
      } else if (stage instanceof MhsaSpec m) {
          long c = m.channels();
          long n = hw;
          long rel = (long) m.heads() * ((2L * m.height() - 1) + (2L * m.width() - 1)) * m.headDim();
          long proj = 4 * c * c;
          long macs = proj * n + n * n * c /* q.(k+r) */ + n * n * c /* attn x V */;
          out.add(new StageCost(m.name(), "mhsa", "fpga", proj + 4 * c + rel, macs, proj + 4 * 5 * c + rel));
      }
    }
    int c = spec.fpgaOutput().channels();
    long fc = (long) c * spec.numClasses();
    out.add(new StageCost("head", "global-avg+fc", "cpu", fc + spec.numClasses(), fc,
        4L * (fc + spec.numClasses())));
    return new ModelCost(spec.name(), List.copyOf(out));
  }

  public long totalParams() {
    return stages.stream().mapToLong(StageCost::params).sum();
  }

  public long totalMacs() {
    return stages.stream().mapToLong(StageCost::macs).sum();
  }

  /** Sum over the FPGA stages. */
  public long fpgaParams() {
    return stages.stream().filter(s -> s.device().equals("fpga")).mapToLong(StageCost::params).sum();
  }

  public long fpgaMacs() {
    return stages.stream().filter(s -> s.device().equals("fpga")).mapToLong(StageCost::macs).sum();
  }

  /** Bytes of the FPGA weights at their deployed bit widths. */
  public long fpgaDeployedBytes() {
    return stages.stream().filter(s -> s.device().equals("fpga")).mapToLong(StageCost::deployedBytes).sum();
  }

  /** {@link #RESNET50_PARAMS_10_CLASSES} / {@link #totalParams()}. */
  public double reductionVsResNet50() {
    return (double) RESNET50_PARAMS_10_CLASSES / totalParams();
  }
}
