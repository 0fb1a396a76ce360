package io.casty.benchmarks.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one end-to-end run does, the same for every system: how many entities, how many asks in
 * flight when pipelining, how long each workload warms up and measures, how many tells.
 * Passed to the node and client JVMs as {@code --name=value} arguments.
 *
 * @param entities entities addressed round-robin
 * @param inFlight asks in flight in the pipelined workload
 * @param warmup warm-up of each ask workload (not measured)
 * @param duration measurement of each ask workload
 * @param tells fire-and-forget messages in the measured tell run (a fifth as many warm up)
 * @param tellTimeout how long the tells may take to be applied before the run counts as failed
 * @param askTimeout how long one ask may take before the workload counts as failed
 */
public record LoadSettings(int entities, int inFlight, Duration warmup, Duration duration, int tells,
		Duration tellTimeout, Duration askTimeout) {

	/**
	 * The workload: 1,000 entities, 64 asks in flight. Measurements of 5 s, since a run
	 * repeats every system several times ({@link LoadBenchmark}); warm-ups of 5 s, which the peers
	 * need: with 3 s, Hazelcast's sequential p50 rose from 77–114 µs to 140–160 µs and Pekko's
	 * pipelined rate fell from 11–16k to 5–6k asks/s, still compiling.
	 */
	public static final LoadSettings DEFAULTS = new LoadSettings(1_000, 64, Duration.ofSeconds(5),
			Duration.ofSeconds(5), 500_000, Duration.ofSeconds(60), Duration.ofSeconds(5));

	public LoadSettings {
		requirePositive("entities", entities);
		requirePositive("in-flight", inFlight);
		requirePositive("tells", tells);
		Objects.requireNonNull(warmup, "warmup");
		Objects.requireNonNull(duration, "duration");
		Objects.requireNonNull(tellTimeout, "tellTimeout");
		Objects.requireNonNull(askTimeout, "askTimeout");
	}

	/**
	 * These settings with every {@code --name=value} argument applied; other arguments are
	 * ignored. Durations are in milliseconds or carry a unit ({@code 500ms}, {@code 10s}).
	 *
	 * @throws IllegalArgumentException for a known name with a value it cannot take
	 */
	public LoadSettings with(List<String> args) {
		LoadSettings settings = this;
		for (Map.Entry<String, String> option : options(args).entrySet()) {
			settings = settings.with(option.getKey(), option.getValue());
		}
		return settings;
	}

	/** Every {@code --name=value} argument, by name, in order; other arguments are left out. */
	public static Map<String, String> options(List<String> args) {
		Map<String, String> options = new LinkedHashMap<>();
		for (String arg : args) {
			int equals = arg.indexOf('=');
			if (arg.startsWith("--") && equals > 2) {
				options.put(arg.substring(2, equals), arg.substring(equals + 1));
			}
		}
		return options;
	}

	/**
	 * The comma-separated names of {@code --name=a,b}, each one of {@code allowed}; all of
	 * {@code allowed} when the option is absent.
	 *
	 * @throws IllegalArgumentException naming the option, for a name not allowed
	 */
	public static List<String> choices(Map<String, String> options, String name, List<String> allowed) {
		String value = options.get(name);
		if (value == null) {
			return allowed;
		}
		List<String> chosen = Arrays.stream(value.split(",")).map(String::trim).toList();
		for (String choice : chosen) {
			if (!allowed.contains(choice)) {
				throw new IllegalArgumentException("--" + name + " : '" + choice + "' (expected some of " + allowed + ")");
			}
		}
		return chosen;
	}

	private LoadSettings with(String name, String value) {
		return switch (name) {
			case "entities" -> new LoadSettings(parseInt(name, value), inFlight, warmup, duration, tells, tellTimeout, askTimeout);
			case "in-flight" -> new LoadSettings(entities, parseInt(name, value), warmup, duration, tells, tellTimeout, askTimeout);
			case "warmup" -> new LoadSettings(entities, inFlight, parseDuration(name, value), duration, tells, tellTimeout, askTimeout);
			case "duration" -> new LoadSettings(entities, inFlight, warmup, parseDuration(name, value), tells, tellTimeout, askTimeout);
			case "tells" -> new LoadSettings(entities, inFlight, warmup, duration, parseInt(name, value), tellTimeout, askTimeout);
			case "tell-timeout" -> new LoadSettings(entities, inFlight, warmup, duration, tells, parseDuration(name, value), askTimeout);
			case "ask-timeout" -> new LoadSettings(entities, inFlight, warmup, duration, tells, tellTimeout, parseDuration(name, value));
			default -> this;
		};
	}

	/** The arguments that {@link #with(List)} turns back into these settings. */
	public List<String> toArgs() {
		List<String> args = new ArrayList<>();
		args.add("--entities=" + entities);
		args.add("--in-flight=" + inFlight);
		args.add("--warmup=" + warmup.toMillis() + "ms");
		args.add("--duration=" + duration.toMillis() + "ms");
		args.add("--tells=" + tells);
		args.add("--tell-timeout=" + tellTimeout.toMillis() + "ms");
		args.add("--ask-timeout=" + askTimeout.toMillis() + "ms");
		return args;
	}

	/** @throws IllegalArgumentException naming the option when {@code value} is not a whole number */
	public static int parseInt(String name, String value) {
		try {
			return Integer.parseInt(value.replace("_", "").replace(",", ""));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--" + name + " : '" + value + "' (expected: a whole number)");
		}
	}

	/**
	 * Milliseconds, or a number with a unit ({@code 500ms}, {@code 10s}).
	 *
	 * @throws IllegalArgumentException naming the option when {@code value} is not a duration
	 */
	public static Duration parseDuration(String name, String value) {
		try {
			if (value.endsWith("ms")) {
				return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
			}
			if (value.endsWith("s")) {
				return Duration.ofMillis(Math.round(Double.parseDouble(value.substring(0, value.length() - 1)) * 1000));
			}
			return Duration.ofMillis(Long.parseLong(value));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--" + name + " : '" + value + "' (expected: a duration such as 500ms or 10s)");
		}
	}

	/** @throws IllegalArgumentException naming the option when {@code value} is not positive */
	public static void requirePositive(String name, int value) {
		if (value <= 0) {
			throw new IllegalArgumentException("--" + name + " : " + value + " (expected: > 0)");
		}
	}
}
