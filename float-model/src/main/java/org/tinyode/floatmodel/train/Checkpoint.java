package org.tinyode.floatmodel.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.tinyode.model.weights.SafeTensors;
import org.tinyode.model.weights.TensorData;

/**
 * Resumable training state in one safetensors file: every parameter (state_dict names), the optimizer state
 * ({@code m.<name>}, {@code v.<name>}) and metadata {@code tinyode.checkpoint} = JSON of {@link State}.
 * Written to a temporary file and moved into place, so a crash never leaves a half-written checkpoint.
 */
public final class Checkpoint {

  /** Progress counters stored with the tensors. */
  public record State(int epochsDone, long steps, String phase, String configJson) {}

  private static final String KEY = "tinyode.checkpoint";
  private static final ObjectMapper JSON = new ObjectMapper();

  private Checkpoint() {}

  public static void save(Path file, Map<String, Parameter> params, Map<String, NDArray> optimizerState, State state) {
    List<TensorData> tensors = new ArrayList<>();
    params.forEach((name, p) -> tensors.add(tensor(name, p.getArray())));
    optimizerState.forEach((name, a) -> tensors.add(tensor(name, a)));
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      SafeTensors.write(tmp, Map.of(KEY, JSON.writeValueAsString(state)), tensors);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint " + file, e);
    }
  }

  /** Restores parameters and optimizer state in place; returns the stored counters. */
  public static State load(Path file, Map<String, Parameter> params, Map<String, NDArray> optimizerState) {
    SafeTensors.Content c = SafeTensors.read(file);
    String meta = c.metadata().get(KEY);
    if (meta == null) {
      throw new IllegalArgumentException(file + ": not a training checkpoint (metadata " + KEY + " missing)");
    }
    params.forEach((name, p) -> copy(file, c, name, p.getArray()));
    optimizerState.forEach((name, a) -> copy(file, c, name, a));
    try {
      return JSON.readValue(meta, State.class);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": bad checkpoint metadata: " + e.getMessage(), e);
    }
  }

  private static void copy(Path file, SafeTensors.Content c, String name, NDArray into) {
    TensorData t = c.tensors().get(name);
    if (t == null) {
      throw new IllegalArgumentException(file + ": checkpoint has no tensor " + name);
    }
    if (t.elementCount() != into.size()) {
      throw new IllegalArgumentException(file + ": tensor " + name + " has shape " + Arrays.toString(t.shape())
          + ", expected " + into.getShape());
    }
    into.set(t.asFloats());
  }

  private static TensorData tensor(String name, NDArray a) {
    int[] shape = Arrays.stream(a.getShape().getShape()).mapToInt(l -> (int) l).toArray();
    return TensorData.ofFloats(name, shape, a.toType(DataType.FLOAT32, false).toFloatArray());
  }
}
