package org.tinyode.model.spec;

/**
 * An ODEBlock: {@code steps} explicit Euler steps {@code z <- z + stepSize * f(z)} with one weight set,
 * {@code f(z) = BN(conv3x3(ReLU(BN(conv3x3(z)))))}, stride 1, padding 1. {@code stepSize} must be {@code 2^-k}.
 */
public record OdeBlockSpec(String name, int channels, int steps, double stepSize, String device)
    implements StageSpec {

  /** {@code k} with {@code stepSize = 2^-k}. */
  public int stepShift() {
    return Validation.powerOfTwoExponent(stepSize);
  }

  @Override
  public int inChannels() {
    return channels;
  }

  @Override
  public int outChannels() {
    return channels;
  }

  @Override
  public FeatureShape outputShape(FeatureShape in, String path) {
    Validation.name(path + ".name", name);
    Validation.positive(path + ".channels", channels);
    Validation.positive(path + ".steps", steps);
    if (Validation.powerOfTwoExponent(stepSize) < 0) {
      throw new SpecException(path + ".stepSize", "must be a power of two 2^-k (k >= 0), got " + stepSize);
    }
    Validation.device(path + ".device", device, "fpga");
    Validation.chain(path + ".channels", channels, in);
    return in;
  }
}
