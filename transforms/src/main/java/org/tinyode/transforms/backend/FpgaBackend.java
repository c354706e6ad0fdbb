package org.tinyode.transforms.backend;

import java.util.List;
import java.util.Map;
import org.tinyode.transforms.DecodedExample;

/** The board backend over a board pool. Wired once fpga-client's agent can load a model (see below). */
public final class FpgaBackend implements Backend {
  public FpgaBackend(BackendSpec spec) {
    throw new UnsupportedOperationException("backend fpga: not wired yet (fpga-client's board agent cannot load "
        + "a model file yet); use --backend golden or software");
  }

  @Override
  public String name() {
    return BackendSpec.FPGA;
  }

  @Override
  public String modelSha256() {
    return "";
  }

  @Override
  public List<String> stageNames() {
    return List.of();
  }

  @Override
  public List<Answer> run(List<DecodedExample> batch) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Map<String, Object> describe() {
    return Map.of();
  }

  @Override
  public void close() {}
}
