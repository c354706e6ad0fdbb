package org.tinyode.model.spec;

/** A transition between ODEBlocks: conv {@code kernel x kernel}, stride, padding {@code kernel / 2}, no bias, BN, ReLU. */
public record TransitionSpec(String name, int inChannels, int outChannels, int kernel, int stride, String device)
    implements StageSpec {

  public int padding() {
    return kernel / 2;
  }

  @Override
  public FeatureShape outputShape(FeatureShape in, String path) {
    Validation.name(path + ".name", name);
    Validation.positive(path + ".inChannels", inChannels);
    Validation.positive(path + ".outChannels", outChannels);
    Validation.positive(path + ".kernel", kernel);
    Validation.positive(path + ".stride", stride);
    Validation.device(path + ".device", device, "fpga");
    Validation.chain(path + ".inChannels", inChannels, in);
    int h = FeatureShape.convOut(in.height(), kernel, stride, padding());
    int w = FeatureShape.convOut(in.width(), kernel, stride, padding());
    if (h <= 0 || w <= 0) {
      throw new SpecException(path + ".kernel", "leaves no output for a " + in + " input");
    }
    return new FeatureShape(outChannels, h, w);
  }
}
