package io.casty.benchmarks.load.scale;

import io.casty.benchmarks.load.LoadSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the memory and scale run does. Passed to its client JVMs as {@code --name=value}
 * arguments, like {@link LoadSettings}, whose options it takes as well.
 *
 * @param liveEntities entities started on one node for the heap per entity
 * @param sample entities, picked at random among those, whose totals are checked afterwards
 * @param pendingAsks asks in flight at once for the client's heap per ask
 * @param entityTimeout how long the node may take to have every entity running
 * @param load the workloads run on each cluster shape for the latency figures
 */
public record ScaleSettings(int liveEntities, int sample, int pendingAsks, Duration entityTimeout, LoadSettings load) {

	/**
	 * The figures: 1,000,000 entities, 100,000 asks in flight; each latency workload
	 * 10 s of warm-up and 5 s measured, 100,000 tells, so that the whole run takes minutes. The
	 * warm-up is long because each of three nodes gets a third of the traffic, and so takes three
	 * times as long to be compiled: with 3 s, three nodes measured half-interpreted code (a p50
	 * 2.7x one node's, against 1.4x after 10 s).
	 */
	public static final ScaleSettings DEFAULTS = new ScaleSettings(1_000_000, 1_000, 100_000, Duration.ofMinutes(3),
			new LoadSettings(1_000, 64, Duration.ofSeconds(10), Duration.ofSeconds(5), 100_000, Duration.ofSeconds(60),
					Duration.ofSeconds(5)));

	public ScaleSettings {
		LoadSettings.requirePositive("live-entities", liveEntities);
		LoadSettings.requirePositive("sample", sample);
		LoadSettings.requirePositive("pending-asks", pendingAsks);
		Objects.requireNonNull(entityTimeout, "entityTimeout");
		Objects.requireNonNull(load, "load");
	}

	/**
	 * These settings with every {@code --name=value} argument applied, the load generator's
	 * included ({@link LoadSettings#with}); other arguments are ignored.
	 */
	public ScaleSettings with(List<String> args) {
		ScaleSettings settings = new ScaleSettings(liveEntities, sample, pendingAsks, entityTimeout, load.with(args));
		for (Map.Entry<String, String> option : LoadSettings.options(args).entrySet()) {
			settings = settings.with(option.getKey(), option.getValue());
		}
		return settings;
	}

	private ScaleSettings with(String name, String value) {
		return switch (name) {
			case "live-entities" -> new ScaleSettings(LoadSettings.parseInt(name, value), sample, pendingAsks, entityTimeout, load);
			case "sample" -> new ScaleSettings(liveEntities, LoadSettings.parseInt(name, value), pendingAsks, entityTimeout, load);
			case "pending-asks" -> new ScaleSettings(liveEntities, sample, LoadSettings.parseInt(name, value), entityTimeout, load);
			case "entity-timeout" -> new ScaleSettings(liveEntities, sample, pendingAsks, LoadSettings.parseDuration(name, value), load);
			default -> this;
		};
	}

	/** The arguments that {@link #with(List)} turns back into these settings. */
	public List<String> toArgs() {
		List<String> args = new ArrayList<>(load.toArgs());
		args.add("--live-entities=" + liveEntities);
		args.add("--sample=" + sample);
		args.add("--pending-asks=" + pendingAsks);
		args.add("--entity-timeout=" + entityTimeout.toMillis() + "ms");
		return args;
	}
}
