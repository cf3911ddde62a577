package io.naap.indexer.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.naap.indexer.chain.RawLog;
import io.naap.indexer.decode.Decoded.Unknown;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes20;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint64;

/**
 * The direct decoder against web3j: logs of every catalogued event with random values, encoded by
 * web3j's {@code TypeEncoder}/{@code FunctionEncoder}, decode to the values encoded and to what
 * web3j's {@code FunctionReturnDecoder} decodes; damaged logs decode to those values or to {@link
 * Unknown}, never to other values, and never throw.
 */
@SuppressWarnings("rawtypes") // web3j's encoders and decoders take and return the raw Type
class ProtocolEventDecoderPropertiesTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final BigInteger TWO_256 = BigInteger.TWO.pow(256);

  /** Every catalogued event, with the contract that declares it. */
  private record Declared(ProtocolContract contract, EventSpec spec) {}

  private static final List<Declared> EVENTS =
      Arrays.stream(ProtocolContract.values())
          .flatMap(
              contract ->
                  EventCatalogue.PROTOCOL.events(contract).stream()
                      .map(spec -> new Declared(contract, spec)))
          .toList();

  /** A log encoded by web3j and the values it encodes. */
  private record Encoded(RawLog log, List<Type> values, List<String> topics, String data) {}

  @Property(tries = 3_000, seed = "20261129")
  void decodesWhatWeb3jEncodesAndAgreesWithWeb3jsDecoder(@ForAll long seed) {
    Random random = new Random(seed);
    Declared declared = EVENTS.get(random.nextInt(EVENTS.size()));
    EventSpec spec = declared.spec();
    Encoded encoded = encode(spec, random);

    Decoded decoded = new ProtocolEventDecoder().decode(encoded.log(), declared.contract());

    assertThat(decoded).as("%s", decoded).isInstanceOf(spec.type());
    List<Object> expected = encoded.values().stream().map(v -> canonical(v)).toList();
    assertThat(new ArrayList<>(decoded.fields().values())).isEqualTo(expected);
    assertThat(new ArrayList<>(decoded.fields().values())).isEqualTo(web3jDecoded(spec, encoded));
    assertThat(decoded.log().contract()).isEqualTo(declared.contract());
  }

  @Property(tries = 3_000, seed = "20261130")
  void damagedLogsDecodeToTheirValuesOrToUnknownAndNeverThrow(@ForAll long seed) {
    Random random = new Random(seed);
    Declared declared = EVENTS.get(random.nextInt(EVENTS.size()));
    EventSpec spec = declared.spec();
    Encoded encoded = encode(spec, random);
    byte[] data = HEX.parseHex(encoded.data().substring(2));
    List<String> topics = new ArrayList<>(encoded.topics());
    switch (random.nextInt(4)) {
      case 0 -> data = Arrays.copyOf(data, random.nextInt(data.length + 1)); // truncated
      case 1 -> { // a byte changed
        if (data.length > 0) {
          data[random.nextInt(data.length)] ^= (byte) (1 + random.nextInt(255));
        }
      }
      case 2 -> { // a topic changed, added or removed
        int choice = random.nextInt(3);
        if (choice == 0 && topics.size() > 1) {
          topics.set(1 + random.nextInt(topics.size() - 1), randomWord(random));
        } else if (choice == 1) {
          topics.add(randomWord(random));
        } else if (topics.size() > 1) {
          topics.removeLast();
        }
      }
      default -> { // random bytes after topic 0
        data = new byte[random.nextInt(300)];
        random.nextBytes(data);
      }
    }
    RawLog damaged = log(topics, "0x" + HEX.formatHex(data));

    Decoded decoded = new ProtocolEventDecoder().decode(damaged, declared.contract());

    if (decoded instanceof Unknown unknown) {
      assertThat(unknown.reason()).startsWith(spec.signature() + ": ");
      assertThat(unknown.topic0()).contains(spec.topic0());
    } else {
      assertThat(decoded).isInstanceOf(spec.type());
      if (topics.equals(encoded.topics())
          && encoded.data().startsWith("0x" + HEX.formatHex(data))) {
        // a truncation that kept every value: the same values
        assertThat(new ArrayList<>(decoded.fields().values()))
            .isEqualTo(encoded.values().stream().map(v -> canonical(v)).toList());
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Encoding with web3j

  private static Encoded encode(EventSpec spec, Random random) {
    List<Type> values = new ArrayList<>();
    List<String> topics = new ArrayList<>();
    List<Type> nonIndexed = new ArrayList<>();
    topics.add(spec.topic0());
    for (EventSpec.Parameter parameter : spec.parameters()) {
      Type value = randomValue(parameter.type(), random);
      values.add(value);
      if (parameter.indexed()) {
        topics.add("0x" + TypeEncoder.encode(value));
      } else {
        nonIndexed.add(value);
      }
    }
    String data = "0x" + FunctionEncoder.encodeConstructor(nonIndexed);
    return new Encoded(log(topics, data), values, topics, data);
  }

  private static List<Object> web3jDecoded(EventSpec spec, Encoded encoded) {
    List<TypeReference<Type>> nonIndexed = new ArrayList<>();
    for (EventSpec.Parameter parameter : spec.parameters()) {
      if (!parameter.indexed()) {
        nonIndexed.add(reference(parameter.type(), false));
      }
    }
    List<Type> data = FunctionReturnDecoder.decode(encoded.data(), nonIndexed);
    List<Object> values = new ArrayList<>();
    int topic = 1;
    int next = 0;
    for (EventSpec.Parameter parameter : spec.parameters()) {
      Type value =
          parameter.indexed()
              ? FunctionReturnDecoder.decodeIndexedValue(
                  encoded.topics().get(topic++), reference(parameter.type(), true))
              : data.get(next++);
      values.add(canonical(value));
    }
    return values;
  }

  @SuppressWarnings("unchecked")
  private static TypeReference<Type> reference(AbiType type, boolean indexed) {
    return switch (type) {
      case ADDRESS -> (TypeReference) TypeReference.create(Address.class, indexed);
      case UINT256 -> (TypeReference) TypeReference.create(Uint256.class, indexed);
      case UINT64 -> (TypeReference) TypeReference.create(Uint64.class, indexed);
      case UINT32 -> (TypeReference) TypeReference.create(Uint32.class, indexed);
      case BYTES32 -> (TypeReference) TypeReference.create(Bytes32.class, indexed);
      case BYTES20 -> (TypeReference) TypeReference.create(Bytes20.class, indexed);
      case STRING -> (TypeReference) TypeReference.create(Utf8String.class, indexed);
      case BYTES -> (TypeReference) TypeReference.create(DynamicBytes.class, indexed);
      case ADDRESS_ARRAY -> (TypeReference) new TypeReference<DynamicArray<Address>>(indexed) {};
    };
  }

  /** A web3j value as {@code fields()} writes it. */
  private static Object canonical(Type value) {
    return switch (value) {
      case Address address -> address.getValue().toLowerCase();
      case Uint256 uint -> uint.getValue().toString();
      case Uint64 uint -> uint.getValue().longValueExact();
      case Uint32 uint -> uint.getValue().longValueExact();
      case Bytes32 bytes -> "0x" + HEX.formatHex(bytes.getValue());
      case Bytes20 bytes -> "0x" + HEX.formatHex(bytes.getValue());
      case DynamicBytes bytes -> "0x" + HEX.formatHex(bytes.getValue());
      case Utf8String text -> text.getValue();
      case DynamicArray<?> array ->
          array.getValue().stream().map(element -> canonical((Type) element)).toList();
      default -> throw new IllegalArgumentException("unexpected " + value.getClass());
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Random values, edges included

  private static Type randomValue(AbiType type, Random random) {
    return switch (type) {
      case ADDRESS -> randomAddress(random);
      case UINT256 -> new Uint256(randomUint(256, random));
      case UINT64 -> new Uint64(randomUint(63, random));
      case UINT32 -> new Uint32(randomUint(32, random));
      case BYTES32 -> new Bytes32(randomBytes(32, random));
      case BYTES20 -> new Bytes20(randomBytes(20, random));
      case STRING -> new Utf8String(randomText(random));
      case BYTES ->
          new DynamicBytes(randomBytes(random.nextBoolean() ? 64 : random.nextInt(131), random));
      case ADDRESS_ARRAY -> {
        List<Address> addresses = new ArrayList<>();
        for (int n = random.nextInt(9); n > 0; n--) {
          addresses.add(randomAddress(random));
        }
        yield new DynamicArray<>(Address.class, addresses);
      }
    };
  }

  private static Address randomAddress(Random random) {
    return new Address(new BigInteger(1, randomBytes(20, random)));
  }

  /** Zero, the largest value, or random values of every bit length up to {@code bits}. */
  private static BigInteger randomUint(int bits, Random random) {
    BigInteger max = BigInteger.TWO.pow(bits).subtract(BigInteger.ONE);
    return switch (random.nextInt(8)) {
      case 0 -> BigInteger.ZERO;
      case 1 -> max;
      case 2 -> max.subtract(BigInteger.valueOf(random.nextInt(1_000))).max(BigInteger.ZERO);
      default -> new BigInteger(1 + random.nextInt(bits), random).min(TWO_256);
    };
  }

  private static byte[] randomBytes(int length, Random random) {
    byte[] bytes = new byte[length];
    switch (random.nextInt(4)) {
      case 0 -> Arrays.fill(bytes, (byte) 0);
      case 1 -> Arrays.fill(bytes, (byte) 0xff);
      default -> random.nextBytes(bytes);
    }
    return bytes;
  }

  /** Up to 120 code points from ASCII to astral planes, never a lone surrogate. */
  private static String randomText(Random random) {
    StringBuilder text = new StringBuilder();
    for (int n = random.nextInt(121); n > 0; n--) {
      int codePoint =
          switch (random.nextInt(4)) {
            case 0 -> 0x20 + random.nextInt(0x5f);
            case 1 -> 0x80 + random.nextInt(0x780);
            case 2 -> 0x800 + random.nextInt(0xd800 - 0x800);
            default -> 0x10000 + random.nextInt(0x10ffff - 0x10000);
          };
      text.appendCodePoint(codePoint);
    }
    return text.toString();
  }

  private static String randomWord(Random random) {
    return "0x" + HEX.formatHex(randomBytes(32, random));
  }

  private static RawLog log(List<String> topics, String data) {
    return new RawLog(
        7,
        "0x" + "ab".repeat(32),
        "0x" + "cd".repeat(32),
        0,
        2,
        "0x" + "ef".repeat(20),
        topics,
        data,
        false);
  }
}
