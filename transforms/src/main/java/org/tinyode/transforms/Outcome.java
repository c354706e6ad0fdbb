package org.tinyode.transforms;

import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;

/**
 * What a transform that can fail per element returns: its outputs and its dead letters, together (in the manner
 * of Beam's {@code WithFailures.Result}). Nothing is dropped: every input element is in exactly one of the two.
 */
public final class Outcome<T> implements POutput {
  private final PCollection<T> output;
  private final PCollection<DeadLetter> deadLetters;
  private final TupleTag<T> outputTag;
  private final TupleTag<DeadLetter> deadLetterTag;

  private Outcome(PCollectionTuple tuple, TupleTag<T> outputTag, TupleTag<DeadLetter> deadLetterTag) {
    this.output = tuple.get(outputTag);
    this.deadLetters = tuple.get(deadLetterTag);
    this.outputTag = outputTag;
    this.deadLetterTag = deadLetterTag;
  }

  /** Wraps the two tagged outputs of a multi-output ParDo. */
  public static <T> Outcome<T> of(PCollectionTuple tuple, TupleTag<T> outputTag,
      TupleTag<DeadLetter> deadLetterTag) {
    return new Outcome<>(tuple, outputTag, deadLetterTag);
  }

  public PCollection<T> output() {
    return output;
  }

  public PCollection<DeadLetter> deadLetters() {
    return deadLetters;
  }

  @Override
  public Pipeline getPipeline() {
    return output.getPipeline();
  }

  @Override
  public Map<TupleTag<?>, PValue> expand() {
    return Map.of(outputTag, output, deadLetterTag, deadLetters);
  }

  @Override
  public void finishSpecifyingOutput(String transformName, org.apache.beam.sdk.values.PInput input,
      PTransform<?, ?> transform) {}
}
