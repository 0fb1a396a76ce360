package io.casty.serialization;

/**
 * A send named a class that is not in the sender's allow-list. Raised at the sender, before
 * anything is written.
 */
public class UnregisteredMessageClassException extends SerializationException {

	private final String className;

	public UnregisteredMessageClassException(String className) {
		// One message for every kind of user: the builders' method for the Java API, the properties
		// for the Spring Boot starter and the node application.
		super("Class " + className + " is not registered for sending; register it on both the client and the nodes: "
				+ "registerMessages(" + simpleName(className) + ".class) on their builders, or " + className
				+ " in casty.client.message-classes and casty.node.message-classes");
		this.className = className;
	}

	/** The class that was not registered. */
	public String className() {
		return className;
	}

	private static String simpleName(String className) {
		return className.substring(Math.max(className.lastIndexOf('.'), className.lastIndexOf('$')) + 1);
	}
}
