package io.casty;

/**
 * A {@code casty.*} configuration property (of the Spring Boot starter or the node application)
 * is missing or has a value that cannot be used. The message names the property, the value and
 * the fix; each application's failure analyzer shows them as the startup failure's description
 * and action.
 */
public class InvalidCastyPropertyException extends CastyException {

	private final String property;

	private final String description;

	private final String action;

	/**
	 * Creates an exception.
	 * @param property the full property name, such as {@code casty.client.contact-points[0]} or {@code casty.node.ssl.bundle}
	 * @param description what is wrong, naming the property and its value
	 * @param action how to fix it
	 */
	public InvalidCastyPropertyException(String property, String description, String action) {
		this(property, description, action, null);
	}

	/**
	 * Creates an exception caused by another.
	 * @param property the full property name, such as {@code casty.client.contact-points[0]} or {@code casty.node.ssl.bundle}
	 * @param description what is wrong, naming the property and its value
	 * @param action how to fix it
	 * @param cause what detected the problem
	 */
	public InvalidCastyPropertyException(String property, String description, String action,
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
