package dev.baton.analytics.rollup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DurationSketchTest {

  @Test
  void percentilesOfMergedSerializedSketchesMatchThoseOfAllSamples() {
    Random random = new Random(7);
    double[] all = new double[30_000];
    DurationSketch merged = DurationSketch.empty();
    // three "replicas" x ten "buckets" with different distributions: a fast mode and a slow tail
    for (int part = 0; part < 30; part++) {
      DurationSketch bucket = DurationSketch.empty();
      for (int i = 0; i < 1000; i++) {
        double value = part % 3 == 0 ? 500 + random.nextGaussian() * 50 : 20 + random.nextDouble() * 30;
        all[part * 1000 + i] = value;
        bucket.add(value);
      }
      merged.merge(DurationSketch.fromBytes(bucket.toBytes()));
    }
    Arrays.sort(all);
    assertThat(merged.count()).isEqualTo(30_000);
    for (double q : new double[] {0.5, 0.9, 0.95, 0.99}) {
      double exact = all[(int) Math.ceil(q * all.length) - 1];
      assertThat(merged.quantile(q)).as("p%s", q * 100).isCloseTo(exact, within(Math.max(1.0, exact * 0.02)));
    }
  }

  @Test
  void averagingPerBucketPercentilesWouldBeWrongWhereTheMergeIsRight() {
    DurationSketch fast = DurationSketch.empty();
    DurationSketch slow = DurationSketch.empty();
    for (int i = 0; i < 990; i++) {
      fast.add(10);
    }
    for (int i = 0; i < 10; i++) {
      slow.add(1000);
    }
    double averageOfP50s = (fast.quantile(0.5) + slow.quantile(0.5)) / 2;
    fast.merge(slow);
    assertThat(averageOfP50s).isGreaterThan(400);
    assertThat(fast.quantile(0.5)).isCloseTo(10, within(0.5));
  }

  @Test
  void anEmptySketchRoundTripsAndReportsZero() {
    DurationSketch empty = DurationSketch.fromBytes(DurationSketch.empty().toBytes());
    assertThat(empty.count()).isZero();
    assertThat(empty.quantile(0.99)).isZero();
  }
}
