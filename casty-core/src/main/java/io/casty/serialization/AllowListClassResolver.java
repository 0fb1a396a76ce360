package io.casty.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.util.DefaultClassResolver;
import io.casty.actor.ActorRef;

/**
 * Resolves classes only by registered id. A class name on the wire is refused without loading
 * the class, and every {@link ActorRef} implementation shares the registration of
 * {@code ActorRef} itself, so refs travel as addresses whatever their local type.
 */
final class AllowListClassResolver extends DefaultClassResolver {

	@Override
	public Registration getRegistration(Class type) {
		Registration registration = super.getRegistration(type);
		if (registration == null && type != ActorRef.class && ActorRef.class.isAssignableFrom(type)) {
			return super.getRegistration(ActorRef.class);
		}
		return registration;
	}

	@Override
	public Registration readClass(Input input) {
		int classId = input.readVarInt(true);
		if (classId == Kryo.NULL) {
			return null;
		}
		if (classId == NAME + 2) {
			input.readVarInt(true);
			throw DisallowedClassException.byName(refusedName(input));
		}
		Registration registration = idToRegistration.get(classId - 2);
		if (registration == null) {
			throw DisallowedClassException.byId(classId - 2);
		}
		return registration;
	}

	/** The refused name, for the log; a name longer than any class name is cut, not read. */
	private static String refusedName(Input input) {
		int start = input.position();
		try {
			return input.readString();
		}
		catch (RuntimeException unreadable) {
			input.setPosition(start);
			return "<unreadable>";
		}
	}

	@Override
	protected Class getTypeByName(String className) {
		throw DisallowedClassException.byName(className);
	}
}
