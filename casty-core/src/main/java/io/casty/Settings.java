package io.casty;

import java.time.Duration;
import java.util.Objects;

/** Internal: checks shared by the builders of settings; each failure names the setting and its value. */
public final class Settings {

	private Settings() {
	}

	/**
	 * @return {@code value}, when it is longer than zero
	 * @throws IllegalArgumentException {@code name : value (expected: > 0)} otherwise
	 */
	public static Duration positive(Duration value, String name) {
		Objects.requireNonNull(value, name);
		if (value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(name + " : " + value + " (expected: > 0)");
		}
		return value;
	}

	/**
	 * For settings that zero turns off.
	 *
	 * @return {@code value}, when it is not negative
	 * @throws IllegalArgumentException {@code name : value (expected: >= 0, 0 to turn it off)} otherwise
	 */
	public static Duration zeroOrPositive(Duration value, String name) {
		Objects.requireNonNull(value, name);
		if (value.isNegative()) {
			throw new IllegalArgumentException(name + " : " + value + " (expected: >= 0, 0 to turn it off)");
		}
		return value;
	}
}
