package io.casty.benchmarks.load;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The figures and failures of one system's run, told to a {@link Listener} as they are added:
 * a client JVM prints them as lines for the harness, and the harness, reading those lines back
 * with {@link #addLine}, prints them for people.
 */
public final class Results {

	/** Told of every figure and failure the moment it is added. */
	public interface Listener {

		void figure(Figure figure);

		void failure(Failure failure);
	}

	private static final Listener NONE = new Listener() {
		@Override
		public void figure(Figure figure) {
		}

		@Override
		public void failure(Failure failure) {
		}
	};

	private final List<Figure> figures = new ArrayList<>();

	private final List<Failure> failures = new ArrayList<>();

	private final Listener listener;

	private Results(Listener listener) {
		this.listener = listener;
	}

	/** Results that only collect. */
	public static Results collecting() {
		return new Results(NONE);
	}

	/** Results that tell {@code listener} of everything added. */
	public static Results notifying(Listener listener) {
		return new Results(listener);
	}

	/**
	 * Results that print everything added as a line for the harness, at once: what a client
	 * JVM reports with ({@code FIGURE <workload> <metric> <value> <unit>},
	 * {@code FAILURE <workload> <reason>}).
	 */
	public static Results printingLines(PrintStream out) {
		return new Results(new Listener() {
			@Override
			public void figure(Figure figure) {
				print(figure.toLine());
			}

			@Override
			public void failure(Failure failure) {
				print(failure.toLine());
			}

			private void print(String line) {
				out.println(line);
				out.flush();
			}
		});
	}

	/**
	 * The median of each figure over several runs of one system, with every run's failures. A
	 * figure missing from some runs (its workload failed there) is the median of the others.
	 */
	public static Results medianOf(List<Results> runs) {
		Map<String, List<Figure>> byKey = new LinkedHashMap<>();
		runs.forEach(run -> run.figures().forEach(figure -> byKey.computeIfAbsent(figure.key(), key -> new ArrayList<>())
			.add(figure)));
		Results median = collecting();
		byKey.values().forEach(figures -> {
			double[] values = figures.stream().mapToDouble(Figure::value).sorted().toArray();
			int middle = values.length / 2;
			double value = values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
			Figure first = figures.get(0);
			median.add(new Figure(first.workload(), first.metric(), value, first.unit()));
		});
		runs.forEach(run -> run.failures().forEach(median::add));
		return median;
	}

	public synchronized void add(Figure figure) {
		figures.add(figure);
		listener.figure(figure);
	}

	public synchronized void add(Failure failure) {
		failures.add(failure);
		listener.failure(failure);
	}

	/**
	 * Adds the figure or failure that a line printed by a client JVM carries.
	 *
	 * @return whether the line carried one
	 */
	public boolean addLine(String line) {
		if (line.startsWith(Figure.PREFIX + " ")) {
			add(Figure.parse(line));
			return true;
		}
		if (line.startsWith(Failure.PREFIX + " ")) {
			add(Failure.parse(line));
			return true;
		}
		return false;
	}

	public synchronized List<Figure> figures() {
		return List.copyOf(figures);
	}

	public synchronized List<Failure> failures() {
		return List.copyOf(failures);
	}

	/** The figure with this {@link Figure#key() key}, if it was measured. */
	public synchronized Optional<Figure> figure(String key) {
		return figures.stream().filter(figure -> figure.key().equals(key)).findFirst();
	}
}
