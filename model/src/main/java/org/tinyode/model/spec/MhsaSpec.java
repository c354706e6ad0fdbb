package org.tinyode.model.spec;

/**
 * BoTNet-style multi-head self-attention with 2-D relative position embeddings over an {@code height x width}
 * feature map, 1x1 Q/K/V/output projections (with bias) and a residual connection. {@code heads * headDim ==
 * channels}; {@code height}/{@code width} must equal the actual feature map size.
 */
public record MhsaSpec(String name, int channels, int heads, int headDim, int height, int width, String device)
    implements StageSpec {

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
    Validation.positive(path + ".heads", heads);
    Validation.positive(path + ".headDim", headDim);
    Validation.positive(path + ".height", height);
    Validation.positive(path + ".width", width);
    Validation.device(path + ".device", device, "fpga");
    if (heads * headDim != channels) {
      throw new SpecException(path + ".headDim", "heads * headDim must equal channels: " + heads + " * "
          + headDim + " != " + channels);
    }
    Validation.chain(path + ".channels", channels, in);
    if (height != in.height()) {
      throw new SpecException(path + ".height", "must equal the feature map height " + in.height() + ", got "
          + height);
    }
    if (width != in.width()) {
      throw new SpecException(path + ".width", "must equal the feature map width " + in.width() + ", got " + width);
    }
    return in;
  }
}
