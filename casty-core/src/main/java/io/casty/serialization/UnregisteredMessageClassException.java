package io.casty.serialization;

/**
 * A send named a class that is not in the sender's allow-list. Raised at the sender, before
 * anything is written.
 */
public class UnregisteredMessageClassException extends SerializationException {

	private final String className;

	public UnregisteredMessageClassException(String className) {
		super("Class " + className + " is not registered for sending; add it to the message registry "
				+ "(registerMessages(" + simpleName(className) + ".class)) on both the client and the nodes");
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
