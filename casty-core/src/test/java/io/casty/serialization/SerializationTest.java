package io.casty.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.RecordSerializer;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import io.casty.actor.ActorRef;
import io.casty.actor.ActorSystem;
import io.casty.actor.Behaviors;
import io.casty.protocol.ProtocolMessages;
import io.casty.protocol.SubscribeTopology;
import io.casty.protocol.TracedMessage;
import io.casty.sharding.ShardEnvelope;
import io.casty.topology.TopologySnapshot;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.objenesis.strategy.StdInstantiatorStrategy;

class SerializationTest {

	record AddPoints(int amount) {
	}

	/** What {@link AddPoints} is called after a rename: the same components. */
	record CreditPoints(int amount) {
	}

	record Unregistered(String name) {
	}

	record Basket(List<String> items, Map<String, Integer> counts, String note) {
	}

	enum Tier {
		SILVER, GOLD
	}

	/** Every kind of component, declared out of name order. */
	record Everything(String zeta, int amount, long total, boolean active, double ratio, short small, Tier tier,
			AddPoints nested, Object anything, List<Integer> list, ActorRef<Integer> replyTo) {
	}

	private final ActorSystem system = ActorSystem.create("test");

	private final Serialization serialization = new Serialization(
			ProtocolMessages.registry().register(AddPoints.class, Basket.class, Tier.class, Everything.class).build(),
			system::resolve);

	@AfterEach
	void close() {
		system.close();
	}

	private Object roundTrip(Object message) {
		Output output = new Output(256, -1);
		serialization.write(output, message);
		return serialization.read(Serialization.input(output.toBytes()));
	}

	@Test
	void aRenamedClassReadsWhatWasWrittenUnderItsFormerNameAndWritesUnderItsNewOne() {
		Output written = new Output(64, -1);
		serialization.write(written, new AddPoints(7));
		Serialization renamed = new Serialization(ProtocolMessages.registry()
			.register(CreditPoints.class)
			.registerFormerName(AddPoints.class.getName(), CreditPoints.class)
			.build(), system::resolve);

		assertThat(renamed.read(Serialization.input(written.toBytes()))).isEqualTo(new CreditPoints(7));
		Output rewritten = new Output(64, -1);
		renamed.write(rewritten, new CreditPoints(8));
		Serialization onlyNewName = new Serialization(ProtocolMessages.registry().register(CreditPoints.class).build(),
				system::resolve);
		assertThat(onlyNewName.read(Serialization.input(rewritten.toBytes()))).isEqualTo(new CreditPoints(8));
	}

	@Test
	void aFormerNameMustNotBeARegisteredClassAndItsClassMustBeRegistered() {
		assertThatThrownBy(() -> ProtocolMessages.registry()
			.register(AddPoints.class, CreditPoints.class)
			.registerFormerName(AddPoints.class.getName(), CreditPoints.class)
			.build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("still registered");
		assertThatThrownBy(() -> ProtocolMessages.registry()
			.registerFormerName(AddPoints.class.getName(), CreditPoints.class)
			.build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not registered itself");
	}

	@Test
	void recordsCollectionsAndNullsSurviveARoundTrip() {
		Basket basket = new Basket(List.of("a", "b"), Map.of("a", 1), null);

		assertThat(roundTrip(basket)).isEqualTo(basket);
		assertThat(roundTrip(new ShardEnvelope<>("user-1", new AddPoints(100))))
			.isEqualTo(new ShardEnvelope<>("user-1", new AddPoints(100)));
		TopologySnapshot empty = new TopologySnapshot(List.of(), Set.of(), null, Map.of(), 3);
		assertThat(roundTrip(empty)).isEqualTo(empty);
	}

	@Test
	void aTracedMessageCarriesItsMessageAndTraceContextInsideTheEnvelope() {
		ShardEnvelope<TracedMessage> traced = new ShardEnvelope<>("user-1", new TracedMessage(new AddPoints(100),
				Map.of("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "tracestate", "k=v")));

		assertThat(roundTrip(traced)).isEqualTo(traced);
		assertThat(roundTrip(new TracedMessage(new AddPoints(1), Map.of("b3", "one"))))
			.isEqualTo(new TracedMessage(new AddPoints(1), Map.of("b3", "one")));
		// What logs name: the entity's message, traced or not.
		assertThat(TracedMessage.typeName(traced.message())).isEqualTo(AddPoints.class.getName());
		assertThat(TracedMessage.typeName(new AddPoints(1))).isEqualTo(AddPoints.class.getName());
	}

	@Test
	void recordsTravelInKryosOwnRecordFormat() {
		ActorRef<Integer> replyTo = system.spawn(Behaviors.receiveMessage(m -> Behaviors.same()), "reply");
		Everything everything = new Everything("z", -3, 87L, true, 0.5, (short) 7, Tier.GOLD, new AddPoints(100),
				new AddPoints(1), List.of(1, 2), replyTo);
		Everything nulls = new Everything(null, 0, 0, false, 0, (short) 0, null, null, null, null, replyTo);
		Kryo reference = new Kryo(new AllowListClassResolver(), null);
		reference.setRegistrationRequired(true);
		reference.setReferences(false);
		reference.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
		BoundedSerializers.install(reference);
		reference.register(ActorRef.class, new ActorRefSerializer(system::resolve), MessageRegistry.wireId(ActorRef.class));
		serialization.registry().classesById().forEach((id, type) -> reference.register(type, id));
		assertThat(reference.getSerializer(Everything.class)).isInstanceOf(RecordSerializer.class);

		for (Object message : List.of(everything, nulls, new ShardEnvelope<>("user-1", everything))) {
			Output ours = new Output(512, -1);
			serialization.write(ours, message);
			Output kryos = new Output(512, -1);
			reference.writeClassAndObject(kryos, message);

			assertThat(ours.toBytes()).as("%s", message).isEqualTo(kryos.toBytes());
			assertThat(roundTrip(message)).isEqualTo(message);
		}
	}

	@Test
	void refsTravelAsAddressesAndResolveOnTheReceivingSide() {
		ActorRef<TopologySnapshot> subscriber = system.spawn(Behaviors.receiveMessage(m -> Behaviors.same()), "sub");

		SubscribeTopology back = (SubscribeTopology) roundTrip(new SubscribeTopology(subscriber));

		assertThat(back.subscriber()).isEqualTo(subscriber);
		assertThat(back.subscriber().address()).isEqualTo(subscriber.address());
	}

	@Test
	@SuppressWarnings("unchecked")
	void refsToDifferentNodesReadBackToTheirOwnAddressesWhateverCameBefore() {
		List<String> addresses = List.of("test@client-a:0/temp/1", "test@client-a:0/temp/2", "test@client-a:01/temp/3",
				"test@client-a:0/temp/4", "test@client-b:0/temp/5", "test@client-a:0/temp/6");
		for (String address : addresses) {
			ActorRef<?> ref = system.resolve(io.casty.actor.ActorAddress.parse(address));
			Object read = roundTrip(new Everything(null, 0, 0, false, 0, (short) 0, null, null, null, null,
					(ActorRef<Integer>) ref));

			assertThat(((Everything) read).replyTo().address()).hasToString(address.replace(":01/", ":1/"));
		}
	}

	@Test
	void sendingAnUnregisteredClassFailsAtTheSenderNamingTheClass() {
		assertThatThrownBy(() -> serialization.write(new Output(256, -1), new Unregistered("x")))
			.isInstanceOf(UnregisteredMessageClassException.class)
			.hasMessageContaining(Unregistered.class.getName())
			.hasMessageContaining("registerMessages(Unregistered.class)");
	}

	@Test
	void anUnregisteredClassNestedInARegisteredOneFailsTooNamingTheNestedClass() {
		ShardEnvelope<Unregistered> envelope = new ShardEnvelope<>("user-1", new Unregistered("x"));

		assertThatThrownBy(() -> serialization.write(new Output(256, -1), envelope))
			.isInstanceOf(UnregisteredMessageClassException.class)
			.hasMessageContaining(Unregistered.class.getName());
	}

	@Test
	void aClassNameOnTheWireIsRefusedWithoutLoadingIt() {
		Output output = new Output(64, -1);
		output.writeVarInt(1, true); // Kryo's "class by name" marker
		output.writeVarInt(0, true);
		output.writeString("com.example.Gadget");

		assertThatThrownBy(() -> serialization.read(Serialization.input(output.toBytes())))
			.isInstanceOf(DisallowedClassException.class)
			.hasMessageContaining("'com.example.Gadget', which is not in the allow-list");
	}

	@Test
	void aRegisteredClassOnlyTheSenderKnowsIsRefusedByIdOnTheReceiver() {
		Serialization sender = new Serialization(MessageRegistry.builder().register(Unregistered.class).build(),
				system::resolve);
		Output output = new Output(64, -1);
		sender.write(output, new Unregistered("x"));

		assertThatThrownBy(() -> serialization.read(Serialization.input(output.toBytes())))
			.isInstanceOf(DisallowedClassException.class)
			.hasMessageContaining("unknown class id " + MessageRegistry.wireId(Unregistered.class));
	}

	@Test
	void lengthsThatClaimMoreThanTheMessageHoldsAreRefusedBeforeAllocating() {
		Output hugeString = new Output(64, -1);
		serialization.write(hugeString, "x");
		byte[] bytes = hugeString.toBytes();
		// "x" is written as a length byte and the character, after the class id: replace both with
		// a UTF-8 length claiming 2^26 characters.
		byte[] lying = java.util.Arrays.copyOf(bytes, bytes.length + 2);
		int at = bytes.length - 2;
		lying[at] = (byte) 0xC1;
		lying[at + 1] = (byte) 0x80;
		lying[at + 2] = (byte) 0x80;
		lying[at + 3] = (byte) 0x40;

		assertThatThrownBy(() -> serialization.read(Serialization.input(lying)))
			.isInstanceOf(SerializationException.class)
			.hasMessageContaining("claims more than the");
	}

	@Test
	void aCollectionClaimingMoreElementsThanBytesIsRefused() {
		Output output = new Output(64, -1);
		output.writeVarInt(MessageRegistry.wireId(java.util.ArrayList.class) + 2, true);
		output.writeVarIntFlag(false, 1_000_000_000, true); // elements of mixed types, then the size + 1

		assertThatThrownBy(() -> serialization.read(Serialization.input(output.toBytes())))
			.isInstanceOf(SerializationException.class)
			.hasMessageContaining("a collection of length");
	}

	@Test
	void wireIdsDependOnlyOnTheClassName() {
		MessageRegistry forward = MessageRegistry.builder().register(AddPoints.class, Basket.class).build();
		MessageRegistry backward = MessageRegistry.builder().register(Basket.class, AddPoints.class).build();

		assertThat(forward.classesById()).isEqualTo(backward.classesById());
		assertThat(MessageRegistry.wireId(AddPoints.class)).isGreaterThanOrEqualTo(MessageRegistry.FIRST_ID);
	}

	@Test
	void interfacesCannotBeRegistered() {
		assertThatThrownBy(() -> MessageRegistry.builder().register(Runnable.class))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("register the concrete message classes");
	}
}
