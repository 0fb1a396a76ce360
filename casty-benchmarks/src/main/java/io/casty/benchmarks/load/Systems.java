package io.casty.benchmarks.load;

import io.casty.benchmarks.load.casty.CastySystem;
import io.casty.benchmarks.load.hazelcast.HazelcastSystem;
import io.casty.benchmarks.load.pekko.PekkoSystem;
import io.casty.benchmarks.load.raw.RawEchoSystem;
import java.util.List;

/** The systems a run can measure, in the order {@code --all} runs them. */
public final class Systems {

	/** The floor: what TCP and Netty cost for the same payloads, with no framework. */
	public static final String RAW_ECHO = RawEchoSystem.NAME;

	/** The system the figures are about; every ratio is Casty's over another's. */
	public static final String CASTY = CastySystem.NAME;

	/** Casty with its opt-in busy-waiting for blocked callers; its own ratios, not the targets'. */
	public static final SystemUnderTest CASTY_BUSY_WAIT = CastySystem.BUSY_WAITING;

	private static final List<SystemUnderTest> ALL = List.of(new RawEchoSystem(), CastySystem.DEFAULTS,
			CASTY_BUSY_WAIT, new HazelcastSystem(), new PekkoSystem());

	private Systems() {
	}

	public static List<SystemUnderTest> all() {
		return ALL;
	}

	/**
	 * @throws IllegalArgumentException naming the systems there are, when none has this name
	 */
	public static SystemUnderTest named(String name) {
		return ALL.stream()
			.filter(system -> system.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("system : '" + name + "' (expected one of "
					+ ALL.stream().map(SystemUnderTest::name).toList() + ")"));
	}
}
