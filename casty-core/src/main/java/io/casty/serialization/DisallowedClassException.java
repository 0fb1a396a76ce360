package io.casty.serialization;

/**
 * Bytes from the network named a class outside the receiver's allow-list, by name or by an
 * unknown id. Nothing of that class is loaded or instantiated.
 */
public class DisallowedClassException extends SerializationException {

	public DisallowedClassException(String message) {
		super(message);
	}

	static DisallowedClassException byName(String className) {
		return new DisallowedClassException("Received a message naming class '" + className
				+ "', which is not in the allow-list; classes are only accepted by registered id");
	}

	static DisallowedClassException byId(int id) {
		return new DisallowedClassException("Received a message of unknown class id " + id
				+ "; the sender registered a class this side did not (register the same message classes on both sides)");
	}
}
