package org.tinyode.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadExamplesTest {
  static final Path SAMPLE = Path.of(System.getProperty("tinyode.root", "..")).resolve("samples/cifar10/test");

  @TempDir Path tmp;

  @Test
  void aCorruptImageBecomesADeadLetterAndTheRestOfItsBatchGoesOn() throws Exception {
    Path cat = Files.createDirectories(tmp.resolve("test/cat"));
    Files.copy(SAMPLE.resolve("cat/0000.jpg"), cat.resolve("0000.jpg"));
    Files.write(cat.resolve("0001.jpg"), new byte[] {0, 1, 2});
    Files.copy(SAMPLE.resolve("cat/0002.jpg"), cat.resolve("0002.jpg"));
    Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
    Outcome<ExampleBatch> out = p.apply(Create.of(new BatchRef(0, 0, List.of(0, 1, 2))))
        .apply(ReadExamples.from(new DatasetRef(tmp.toString(), null, null)));
    PAssert.that(out.output()).satisfies(batches -> {
      List<ExampleBatch> l = StreamSupport.stream(batches.spliterator(), false).toList();
      assertEquals(1, l.size());
      assertEquals(List.of(0, 2), l.get(0).examples().stream().map(DecodedExample::index).toList());
      assertEquals(32 * 32 * 3, l.get(0).examples().get(0).rgb().length);
      return null;
    });
    PAssert.that(out.deadLetters()).satisfies(dead -> {
      List<DeadLetter> l = StreamSupport.stream(dead.spliterator(), false).toList();
      assertEquals(1, l.size());
      assertEquals(1, l.get(0).index());
      assertEquals(DeadLetter.DECODE, l.get(0).step());
      assertTrue(l.get(0).reason().contains("0001.jpg"), l.get(0).reason());
      return null;
    });
    p.run().waitUntilFinish();
  }
}
