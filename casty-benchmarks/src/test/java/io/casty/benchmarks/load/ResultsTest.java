package io.casty.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Several rounds of one system, reduced to one figure each. */
class ResultsTest {

	@Test
	void eachFigureIsTheMedianOfTheRoundsThatMeasuredIt() {
		Results first = Results.collecting();
		first.add(new Figure("sequential-ask", "p50", 70.0, "us"));
		first.add(new Figure("tell", "ops/s", 400_000, "ops/s"));
		Results second = Results.collecting();
		second.add(new Figure("sequential-ask", "p50", 90.0, "us"));
		second.add(new Failure("tell", "points missing"));
		Results third = Results.collecting();
		third.add(new Figure("sequential-ask", "p50", 60.0, "us"));
		third.add(new Figure("tell", "ops/s", 600_000, "ops/s"));

		Results median = Results.medianOf(List.of(first, second, third));

		assertThat(median.figure("sequential-ask p50")).hasValue(new Figure("sequential-ask", "p50", 70.0, "us"));
		// Two rounds measured it: the middle of the two.
		assertThat(median.figure("tell ops/s")).hasValue(new Figure("tell", "ops/s", 500_000, "ops/s"));
		assertThat(median.failures()).containsExactly(new Failure("tell", "points missing"));
	}
}
