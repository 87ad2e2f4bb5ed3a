package dev.baton.analytics.rollup;

import com.tdunning.math.stats.MergingDigest;
import java.nio.ByteBuffer;

/**
 * A mergeable distribution of durations in milliseconds (a t-digest). Rollup rows keep one per
 * bucket as bytes; a report merges the buckets of its window, so its percentiles are those of all
 * the samples rather than an average of per-bucket percentiles. Not thread-safe.
 */
public final class DurationSketch {
  /** t-digest's usual setting: quantile error well below 1% in the tails, a few KiB per sketch. */
  private static final double COMPRESSION = 100;

  private final MergingDigest digest;

  private DurationSketch(MergingDigest digest) {
    this.digest = digest;
  }

  public static DurationSketch empty() {
    return new DurationSketch(new MergingDigest(COMPRESSION));
  }

  public static DurationSketch fromBytes(byte[] bytes) {
    return new DurationSketch(MergingDigest.fromBytes(ByteBuffer.wrap(bytes)));
  }

  public void add(double millis) {
    digest.add(Math.max(0, millis));
  }

  /** Adds every sample of {@code other} to this sketch. */
  public void merge(DurationSketch other) {
    if (other.count() > 0) {
      digest.add(other.digest);
    }
  }

  public long count() {
    return digest.size();
  }

  /** The q-quantile (0..1) in milliseconds; 0 for an empty sketch. */
  public double quantile(double q) {
    return count() == 0 ? 0 : digest.quantile(q);
  }

  public byte[] toBytes() {
    digest.compress();
    ByteBuffer buffer = ByteBuffer.allocate(digest.smallByteSize());
    digest.asSmallBytes(buffer);
    return buffer.array();
  }
}
