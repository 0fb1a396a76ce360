package io.casty.node;

/**
 * A {@code casty.node.*} property names something the node cannot use, such as an SSL bundle
 * that does not exist. The message names the property, the value and the fix;
 * {@link InvalidCastyNodePropertyFailureAnalyzer} shows them as the startup failure's
 * description and action. (Values that are wrong on their own fail earlier, when the
 * properties are bound.)
 */
public class InvalidCastyNodePropertyException extends RuntimeException {

	private final String property;

	private final String description;

	private final String action;

	/**
	 * Creates an exception.
	 * @param property the full property name, such as {@code casty.node.ssl.bundle}
	 * @param description what is wrong, naming the property and its value
	 * @param action how to fix it
	 */
	public InvalidCastyNodePropertyException(String property, String description, String action) {
		this(property, description, action, null);
	}

	/**
	 * Creates an exception caused by another.
	 * @param property the full property name, such as {@code casty.node.ssl.bundle}
	 * @param description what is wrong, naming the property and its value
	 * @param action how to fix it
	 * @param cause what detected the problem
	 */
	public InvalidCastyNodePropertyException(String property, String description, String action,
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
