package org.tinyode.fpga.fabric;

import org.tinyode.model.spec.ModelSpec;

/**
 * A {@link SplitModel} that hands every call to another one; subclasses override only what they change (a cache,
 * an injected fault, a different claimed hash).
 */
public abstract class ForwardingSplitModel implements SplitModel {
  protected final SplitModel delegate;

  protected ForwardingSplitModel(SplitModel delegate) {
    this.delegate = delegate;
  }

  @Override
  public ModelSpec spec() {
    return delegate.spec();
  }

  @Override
  public String modelSha256() {
    return delegate.modelSha256();
  }

  @Override
  public int stemOutputFracBits() {
    return delegate.stemOutputFracBits();
  }

  @Override
  public int fabricOutputFracBits() {
    return delegate.fabricOutputFracBits();
  }

  @Override
  public byte[] stem(byte[] imageHwc) {
    return delegate.stem(imageHwc);
  }

  @Override
  public byte[] runFabric(byte[] stemOutput) {
    return delegate.runFabric(stemOutput);
  }

  @Override
  public StagedOutput runFabricStaged(byte[] stemOutput, StageEdit edit) {
    return delegate.runFabricStaged(stemOutput, edit);
  }

  @Override
  public float[] head(byte[] fabricOutput) {
    return delegate.head(fabricOutput);
  }
}
