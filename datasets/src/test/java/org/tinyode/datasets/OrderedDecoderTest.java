package org.tinyode.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OrderedDecoderTest {

  /** 300 one-pixel examples, decoded after a random pause so that completion order is shuffled. */
  static final class Jittery implements ImageDataset {
    private final int bad;

    Jittery(int bad) {
      this.bad = bad;
    }

    public String name() { return "j"; }
    public String format() { return "folder"; }
    public String split() { return "test"; }
    public int size() { return 300; }
    public List<String> classNames() { return List.of("a"); }
    public int width() { return 1; }
    public int height() { return 1; }
    public int label(int i) { return 0; }
    public void close() {}

    public Example get(int i) throws DatasetException {
      try {
        Thread.sleep(0, ThreadLocalRandom.current().nextInt(200_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (i == bad) {
        throw new DatasetException(DatasetException.Kind.UNDECODABLE_IMAGE, "f", i, -1, "bad");
      }
      return new Example(exampleId(i), i, 0, 1, 1, new byte[3]);
    }
  }

  @Test
  void deliversInIndexOrder() throws Exception {
    List<Integer> seen = new ArrayList<>();
    OrderedDecoder.forEach(new Jittery(-1), 4, e -> seen.add(e.index()));
    assertEquals(IntStream.range(0, 300).boxed().toList(), seen);
    List<Integer> some = new ArrayList<>();
    OrderedDecoder.forEach(new Jittery(-1), new int[] {7, 3, 250}, 2, e -> some.add(e.index()));
    assertEquals(List.of(7, 3, 250), some);
  }

  @Test
  void firstBadRecordStopsTheRun() {
    DatasetException e =
        assertThrows(DatasetException.class, () -> OrderedDecoder.forEach(new Jittery(42), 2, x -> { }));
    assertEquals(42, e.getRecord());
  }
}
