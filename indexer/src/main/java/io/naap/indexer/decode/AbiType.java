package io.naap.indexer.decode;

import io.naap.storage.EthereumAddress;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes20;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint64;

/**
 * The ABI types the decoded events use, each with its direct decoder over 32-byte words (the
 * Solidity ABI encoding): what web3j's {@code FunctionReturnDecoder} computes, without its
 * reflection, and stricter. A value word must be clean (an address or {@code uintN} with zero high
 * bytes, a {@code bytesN} with zero low bytes, as solc always writes them); an offset or length
 * must point inside the data. Anything else throws {@link MalformedLogException}.
 *
 * <p>Decoded values: {@code address} as {@link EthereumAddress}, {@code uint256} as {@link
 * BigInteger}, {@code uint64} and {@code uint32} as {@link Long} (a {@code uint64} above {@link
 * Long#MAX_VALUE} is refused), {@code bytesN} and {@code bytes} as lower-case {@code 0x} hex {@link
 * String}s, {@code string} as {@link String} (UTF-8, malformed sequences replaced as web3j replaces
 * them), {@code address[]} as a {@link List} of {@link EthereumAddress}.
 */
enum AbiType {
  ADDRESS("address", false),
  UINT256("uint256", false),
  UINT64("uint64", false),
  UINT32("uint32", false),
  BYTES32("bytes32", false),
  BYTES20("bytes20", false),
  STRING("string", true),
  BYTES("bytes", true),
  ADDRESS_ARRAY("address[]", true);

  static final int WORD = 32;

  private final String solidityName;
  private final boolean dynamic;

  AbiType(String solidityName, boolean dynamic) {
    this.solidityName = solidityName;
    this.dynamic = dynamic;
  }

  /** The type as Solidity and event signatures write it, e.g. {@code address[]}. */
  String solidityName() {
    return solidityName;
  }

  /** Whether the value sits in the data's tail, its head word holding an offset. */
  boolean dynamic() {
    return dynamic;
  }

  /**
   * The type of a parameter of a generated binding's {@code Event} constant.
   *
   * @throws IllegalArgumentException for a type no decoded event uses
   */
  static AbiType of(TypeReference<?> reference) {
    Type type = reference.getType();
    if (type instanceof ParameterizedType parameterized
        && parameterized.getRawType() == DynamicArray.class
        && parameterized.getActualTypeArguments()[0] == Address.class) {
      return ADDRESS_ARRAY;
    }
    if (type == Address.class) {
      return ADDRESS;
    }
    if (type == Uint256.class) {
      return UINT256;
    }
    if (type == Uint64.class) {
      return UINT64;
    }
    if (type == Uint32.class) {
      return UINT32;
    }
    if (type == Bytes32.class) {
      return BYTES32;
    }
    if (type == Bytes20.class) {
      return BYTES20;
    }
    if (type == Utf8String.class) {
      return STRING;
    }
    if (type == DynamicBytes.class) {
      return BYTES;
    }
    throw new IllegalArgumentException("no decoder for the ABI type " + type.getTypeName());
  }

  /**
   * The value of a static type from the word at {@code buffer[at, at + 32)}.
   *
   * @throws MalformedLogException when the word is not a clean value of this type
   */
  Object staticValue(byte[] buffer, int at) {
    return switch (this) {
      case ADDRESS -> address(buffer, at);
      case UINT256 -> new BigInteger(1, buffer, at, WORD);
      case UINT64 -> {
        requireZero(buffer, at, 24, "a uint64 word has non-zero high bytes");
        if (buffer[at + 24] < 0) {
          throw new MalformedLogException(
              "the uint64 "
                  + new BigInteger(1, buffer, at + 24, 8)
                  + " exceeds the range of a signed 64-bit long");
        }
        yield bigEndian(buffer, at + 24, 8);
      }
      case UINT32 -> {
        requireZero(buffer, at, 28, "a uint32 word has non-zero high bytes");
        yield bigEndian(buffer, at + 28, 4);
      }
      case BYTES32 -> Hex.format(buffer, at, WORD);
      case BYTES20 -> {
        requireZero(buffer, at + 20, 12, "a bytes20 word has non-zero low bytes");
        yield Hex.format(buffer, at, 20);
      }
      case STRING, BYTES, ADDRESS_ARRAY ->
          throw new IllegalStateException(this + " is dynamic: its head word is an offset");
    };
  }

  /**
   * The value of a dynamic type whose offset (from the start of {@code data}) is the word at {@code
   * data[head, head + 32)}.
   *
   * @throws MalformedLogException when the offset or length points outside the data
   */
  /**
   * Strict UTF-8: a string that is not (anyone can set a service URI) is refused rather than stored
   * with replacement characters, so the log is kept raw with its exact bytes.
   */
  private static String utf8(byte[] data, int start, int length) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
          .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(data, start, length))
          .toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new MalformedLogException("a string of " + length + " bytes is not valid UTF-8");
    }
  }

  Object dynamicValue(byte[] data, int head) {
    int offset = boundedInt(data, head, "offset");
    if (offset > data.length - WORD) {
      throw new MalformedLogException(
          "the offset " + offset + " leaves no room for a length in " + data.length + " bytes");
    }
    int length = boundedInt(data, offset, "length");
    int start = offset + WORD;
    int room = data.length - start;
    return switch (this) {
      case STRING -> {
        requireRoom(length, room, "string");
        yield utf8(data, start, length);
      }
      case BYTES -> {
        requireRoom(length, room, "bytes");
        yield Hex.format(data, start, length);
      }
      case ADDRESS_ARRAY -> {
        if (length > room / WORD) {
          throw new MalformedLogException(
              "an address[] of " + length + " elements does not fit in " + room + " bytes");
        }
        List<EthereumAddress> addresses = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
          addresses.add(address(data, start + i * WORD));
        }
        yield List.copyOf(addresses);
      }
      case ADDRESS, UINT256, UINT64, UINT32, BYTES32, BYTES20 ->
          throw new IllegalStateException(this + " is static: its head word is its value");
    };
  }

  private static EthereumAddress address(byte[] buffer, int at) {
    requireZero(buffer, at, 12, "an address word has non-zero high bytes");
    return new EthereumAddress(Arrays.copyOfRange(buffer, at + 12, at + WORD));
  }

  /** A word that must hold a non-negative int: an offset or a length. */
  private static int boundedInt(byte[] buffer, int at, String what) {
    requireZero(buffer, at, 28, "the " + what + " word exceeds 2^31 - 1");
    long value = bigEndian(buffer, at + 28, 4);
    if (value > Integer.MAX_VALUE) {
      throw new MalformedLogException("the " + what + " " + value + " exceeds 2^31 - 1");
    }
    return (int) value;
  }

  private static void requireRoom(int length, int room, String type) {
    if (length > room) {
      throw new MalformedLogException(
          "a " + type + " of " + length + " bytes does not fit in the " + room + " bytes left");
    }
  }

  private static void requireZero(byte[] buffer, int at, int count, String message) {
    for (int i = at; i < at + count; i++) {
      if (buffer[i] != 0) {
        throw new MalformedLogException(message);
      }
    }
  }

  private static long bigEndian(byte[] buffer, int at, int count) {
    long value = 0;
    for (int i = at; i < at + count; i++) {
      value = (value << 8) | (buffer[i] & 0xff);
    }
    return value;
  }
}
