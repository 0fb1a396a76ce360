package io.casty.spring.autoconfigure;

/**
 * A {@code casty.client.*} property is missing or has a value the client cannot use. The message
 * names the property, the value and the fix; {@link InvalidCastyClientPropertyFailureAnalyzer}
 * shows them as the startup failure's description and action.
 */
public class InvalidCastyClientPropertyException extends RuntimeException {

	private final String property;

	private final String description;

	private final String action;

	/**
	 * Creates an exception.
	 * @param property the full property name, such as {@code casty.client.contact-points[0]}
	 * @param description what is wrong, naming the property and its value
	 * @param action how to fix it
	 */
	public InvalidCastyClientPropertyException(String property, String description, String action) {
		this(property, description, action, null);
	}

	/**
	 * Creates an exception caused by another.
	 * @param property the full property name, such as {@code casty.client.contact-points[0]}
	 * @param description what is wrong, naming the property and its value
	 * @param action how to fix it
	 * @param cause what detected the problem
	 */
	public InvalidCastyClientPropertyException(String property, String description, String action,
			Throwable cause) {
		super(description + " " + action, cause);
		this.property = property;
		this.description = description;
		this.action = action;
	}

	/**
	 * The full name of the property at fault.
	 * @return the property name
	 */
	public String getProperty() {
		return this.property;
	}

	/**
	 * What is wrong, naming the property and its value.
	 * @return the description
	 */
	public String getDescription() {
		return this.description;
	}

	/**
	 * How to fix it.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

}
