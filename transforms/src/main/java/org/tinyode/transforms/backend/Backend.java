package org.tinyode.transforms.backend;

import java.util.List;
import java.util.Map;
import org.tinyode.transforms.DecodedExample;
import org.tinyode.transforms.ExampleResult;

/**
 * One loaded backend (model in memory, or a connected board pool). Thread-safe: DoFn instances of one JVM share
 * it. {@link #run} answers every example of the batch, in order, with a result or an error; it throws only when
 * the whole batch failed in a way that says nothing about the examples (then every example is dead-lettered with
 * that message).
 */
public interface Backend extends AutoCloseable {
  /** software | golden | fpga. */
  String name();

  /** SHA-256 of the model file (or of the tensors, for generated weights). */
  String modelSha256();

  /** Stage names in execution order, as they appear in results. */
  List<String> stageNames();

  List<Answer> run(List<DecodedExample> batch) throws Exception;

  /** What to record in the run manifest: model, boards, power source. */
  Map<String, Object> describe();

  @Override
  void close();

  /** The result for one example, or why there is none. */
  record Answer(ExampleResult result, String error) {
    public static Answer ok(ExampleResult r) {
      return new Answer(r, null);
    }

    public static Answer failed(String error) {
      return new Answer(null, error);
    }
  }
}
