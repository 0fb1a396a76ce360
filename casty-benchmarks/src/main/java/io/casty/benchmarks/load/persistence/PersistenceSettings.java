package io.casty.benchmarks.load.persistence;

import io.casty.benchmarks.load.LoadSettings;
import io.casty.persistence.Persistence;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the persistence benchmark does. Passed to its JVMs as {@code --name=value} arguments,
 * like {@link LoadSettings}, whose options it takes as well (of which the persisted asks use
 * the entities, the asks in flight, the warm-up, the measurement and the ask timeout).
 *
 * @param load the persisted asks: how many entities, how many asks in flight, for how long
 * @param recoveryEvents the events of the entity whose recovery is timed
 * @param recoveryRuns how many fresh incarnations of it are timed; the figure is their median
 */
public record PersistenceSettings(LoadSettings load, int recoveryEvents, int recoveryRuns) {

	/**
	 * 10,000 entities, so that the 64 asks in flight are on 64 different entities and their
	 * appends meet in group commits; 5 s of warm-up and 5 s measured, as in the load generator.
	 * The load generator's tells are not run here.
	 */
	public static final PersistenceSettings DEFAULTS = new PersistenceSettings(new LoadSettings(10_000, 64,
			Duration.ofSeconds(5), Duration.ofSeconds(5), LoadSettings.DEFAULTS.tells(), LoadSettings.DEFAULTS.tellTimeout(),
			LoadSettings.DEFAULTS.askTimeout()), 10_000, 5);

	public PersistenceSettings {
		Objects.requireNonNull(load, "load");
		if (recoveryEvents < Persistence.DEFAULT_SNAPSHOT_EVERY) {
			// Fewer events than one snapshot's worth would leave the snapshot variant without one.
			throw new IllegalArgumentException("--recovery-events : " + recoveryEvents + " (expected: >= "
					+ Persistence.DEFAULT_SNAPSHOT_EVERY + ")");
		}
		LoadSettings.requirePositive("recovery-runs", recoveryRuns);
	}

	/** These settings with every {@code --name=value} argument applied; other arguments are ignored. */
	public PersistenceSettings with(List<String> args) {
		PersistenceSettings settings = new PersistenceSettings(load.with(args), recoveryEvents, recoveryRuns);
		for (Map.Entry<String, String> option : LoadSettings.options(args).entrySet()) {
			settings = settings.with(option.getKey(), option.getValue());
		}
		return settings;
	}

	private PersistenceSettings with(String name, String value) {
		return switch (name) {
			case "recovery-events" -> new PersistenceSettings(load, LoadSettings.parseInt(name, value), recoveryRuns);
			case "recovery-runs" -> new PersistenceSettings(load, recoveryEvents, LoadSettings.parseInt(name, value));
			default -> this;
		};
	}

	/** The arguments that {@link #with(List)} turns back into these settings. */
	public List<String> toArgs() {
		List<String> args = new ArrayList<>(load.toArgs());
		args.add("--recovery-events=" + recoveryEvents);
		args.add("--recovery-runs=" + recoveryRuns);
		return args;
	}
}
