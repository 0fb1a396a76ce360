package io.casty.benchmarks.load;

import java.util.List;
import java.util.Locale;

/**
 * A ratio issue 6 sets as a target: Casty's figure over a peer's, at most or at least some
 * bound.
 *
 * @param key the figure ({@link Figure#key()})
 * @param peer the system Casty is compared with
 * @param atMost whether the ratio must stay at or below the bound (latency) or reach it
 *     (throughput)
 * @param bound the bound
 */
public record RatioTarget(String key, String peer, boolean atMost, double bound) {

	/** Issue 6's targets. */
	public static final List<RatioTarget> ISSUE_6 = List.of(
			new RatioTarget("sequential-ask p50", "hazelcast", true, 0.6),
			new RatioTarget("sequential-ask p50", Systems.RAW_ECHO, true, 2.0),
			new RatioTarget("pipelined-ask ops/s", "hazelcast", false, 1.5),
			new RatioTarget("pipelined-ask ops/s", "pekko", false, 10.0),
			new RatioTarget("tell ops/s", "hazelcast", false, 3.0));

	public boolean isMetBy(double ratio) {
		return atMost ? ratio <= bound : ratio >= bound;
	}

	/** {@code <= 0.6} or {@code >= 1.5}. */
	public String describe() {
		return (atMost ? "<= " : ">= ") + String.format(Locale.ROOT, "%.1f", bound);
	}
}
