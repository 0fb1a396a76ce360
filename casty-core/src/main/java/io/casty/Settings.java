package io.casty;

import java.time.Duration;
import java.util.Objects;

/** Checks shared by the builders of settings: each failure names the setting and its value. */
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
}
