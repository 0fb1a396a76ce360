package io.casty.spring.autoconfigure;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * The message classes an entity type's {@code message-type} names by itself: the concrete
 * classes (records, enums, final classes) a sealed type permits, through sealed subtypes too, or
 * the message type itself when it is concrete. An open interface names none; its classes go in
 * {@code casty.client.message-classes}, as do replies and the types of message fields.
 *
 * <p>Public for the test node of {@code casty-spring-boot-test}, which must register exactly the
 * classes the client does.
 */
public final class SealedMessageClasses {

	private SealedMessageClasses() {
	}

	/**
	 * The classes a message type names.
	 * @param messageType an entity type's {@code message-type}
	 * @return its concrete classes, in declaration order; empty for an open interface
	 */
	public static List<Class<?>> of(Class<?> messageType) {
		List<Class<?>> classes = new ArrayList<>();
		collect(messageType, classes);
		return classes;
	}

	private static void collect(Class<?> type, List<Class<?>> classes) {
		if (type.isSealed()) {
			for (Class<?> permitted : type.getPermittedSubclasses()) {
				collect(permitted, classes);
			}
		}
		if (!type.isInterface() && !Modifier.isAbstract(type.getModifiers())) {
			classes.add(type);
		}
	}
}
