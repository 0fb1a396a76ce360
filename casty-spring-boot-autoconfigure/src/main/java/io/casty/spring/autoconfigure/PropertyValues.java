package io.casty.spring.autoconfigure;

import io.casty.InvalidCastyPropertyException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.springframework.util.unit.DataSize;

/**
 * Hands {@code casty.*} property values to the builders that use them and reports a value a
 * builder refuses under the property's name, with the builder's own reason: the rules live in
 * the builders, for Spring Boot and plain Java alike, and the user still learns which line of
 * their configuration to change. Used by the auto-configuration of the client, the node and the
 * test node.
 */
public final class PropertyValues {

	private final String component;

	/** @param component what refuses a value, for the report: {@code client} or {@code node} */
	public PropertyValues(String component) {
		this.component = component;
	}

	/** Gives {@code value}, which must be set, to {@code setter}. */
	public <T> void apply(String property, T value, Consumer<T> setter) {
		required(property, value);
		set(property, value, () -> setter.accept(value));
	}

	/** {@code value}, or a failure that says {@code property} is empty. */
	public <T> T required(String property, T value) {
		if (value == null) {
			throw new InvalidCastyPropertyException(property, property + " is empty.",
					"Give " + property + " a value, or remove it to use the default.");
		}
		return value;
	}

	/**
	 * Runs {@code setter}; a refusal is reported with {@code shownValue}, which stands for the
	 * value (a secret's length, say, rather than the secret).
	 */
	public void set(String property, Object shownValue, Runnable setter) {
		make(property, shownValue, () -> {
			setter.run();
			return null;
		});
	}

	/** What {@code factory} makes of a property's value; a refusal is reported as {@link #set} does. */
	public <T> T make(String property, Object shownValue, Supplier<T> factory) {
		try {
			return factory.get();
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidCastyPropertyException(property,
					property + " is '" + shownValue + "', which the " + this.component + " rejects: " + ex.getMessage()
							+ ".",
					"Change " + property + " to a value the " + this.component
							+ " accepts, or remove it to use the default.",
					ex);
		}
	}

	/** A frame size as the transport takes it: in bytes, refused beyond an int like a size too small. */
	public static int intBytes(DataSize size) {
		if (size.toBytes() > Integer.MAX_VALUE) {
			throw new IllegalArgumentException(
					"maxFrameSize : " + size.toBytes() + " (expected: <= " + Integer.MAX_VALUE + ")");
		}
		return (int) size.toBytes();
	}
}
