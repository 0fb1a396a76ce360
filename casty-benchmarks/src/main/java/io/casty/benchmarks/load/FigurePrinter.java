package io.casty.benchmarks.load;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Prints each figure and failure for people as it arrives, one line each, after a label that
 * says what was measured ({@code casty  sequential-ask  p50  85.2 µs}).
 */
public final class FigurePrinter implements Results.Listener {

	private final PrintStream out;

	private final String label;

	private final String figureFormat;

	private final String failureFormat;

	/**
	 * @param label the system or configuration measured, first on every line
	 * @param labelWidth the label column's width, the same for every printer of a run
	 * @param metricWidth the metric column's width
	 */
	public FigurePrinter(PrintStream out, String label, int labelWidth, int metricWidth) {
		this.out = out;
		this.label = label;
		this.figureFormat = "%-" + labelWidth + "s %-15s %-" + metricWidth + "s %16s";
		this.failureFormat = "%-" + labelWidth + "s %-15s FAILURE %s";
	}

	@Override
	public void figure(Figure figure) {
		out.println(String.format(Locale.ROOT, figureFormat, label, figure.workload(), figure.metric(),
				figure.formattedValue()));
	}

	@Override
	public void failure(Failure failure) {
		out.println(String.format(Locale.ROOT, failureFormat, label, failure.workload(), failure.reason()));
	}
}
