package org.tinyode.transforms;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.tinyode.datasets.DatasetException;
import org.tinyode.datasets.Example;
import org.tinyode.datasets.ImageDataset;

/**
 * Reads and decodes the examples of each {@link BatchRef}. An example the dataset cannot read or decode becomes a
 * {@link DeadLetter} (step {@code decode}) carrying the dataset's message (file, record, offset); the rest of its
 * batch goes on. Every index of every batch ends up in exactly one of the two outputs.
 */
public final class ReadExamples extends PTransform<PCollection<BatchRef>, Outcome<ExampleBatch>> {
  private static final TupleTag<ExampleBatch> BATCHES = new TupleTag<>() {};
  private static final TupleTag<DeadLetter> DEAD = new TupleTag<>() {};

  private final DatasetRef dataset;

  private ReadExamples(DatasetRef dataset) {
    this.dataset = dataset;
  }

  public static ReadExamples from(DatasetRef dataset) {
    return new ReadExamples(dataset);
  }

  @Override
  public Outcome<ExampleBatch> expand(PCollection<BatchRef> batches) {
    return Outcome.of(
        batches.apply("Decode", ParDo.of(new DecodeBatchFn(dataset)).withOutputTags(BATCHES, TupleTagList.of(DEAD))),
        BATCHES, DEAD);
  }

  /** Decodes one batch; bad records go to the dead letters. */
  static final class DecodeBatchFn extends DoFn<BatchRef, ExampleBatch> {
    private final DatasetRef dataset;
    private final Counter decoded = Metrics.counter(ReadExamples.class, "examples_decoded");
    private final Counter failed = Metrics.counter(ReadExamples.class, "examples_dead_lettered");
    private transient ImageDataset ds;

    DecodeBatchFn(DatasetRef dataset) {
      this.dataset = dataset;
    }

    @Setup
    public void setup() throws DatasetException {
      ds = dataset.open();
    }

    @ProcessElement
    public void process(@Element BatchRef ref, MultiOutputReceiver out) {
      List<DecodedExample> ok = new ArrayList<>();
      for (int index : ref.indices()) {
        try {
          Example e = ds.get(index);
          ok.add(DecodedExample.of(e, ref.shard()));
          decoded.inc();
        } catch (DatasetException | RuntimeException e) {
          failed.inc();
          out.get(DEAD).output(new DeadLetter(ds.exampleId(index), ref.shard(), index, "", DeadLetter.DECODE,
              e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
      }
      if (!ok.isEmpty()) {
        out.get(BATCHES).output(new ExampleBatch(ref, ok));
      }
    }
  }
}
