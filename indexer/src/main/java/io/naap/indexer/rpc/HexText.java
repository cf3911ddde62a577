package io.naap.indexer.rpc;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Reads hex values straight out of the parser's character buffer: quantities without a substring,
 * strings checked and lower-cased in one pass, and a string equal to the one passed as {@code
 * previous} returned as that very instance (block and transaction hashes, addresses and topics
 * repeat from log to log), so a large {@code eth_getLogs} answer allocates little beyond its
 * records.
 */
final class HexText {
  /** Any length: the {@code expectedLength} of a string field whose length varies. */
  static final int ANY_LENGTH = -1;

  /** "0x" and 64 digits. */
  static final int HASH_LENGTH = 66;

  /** "0x" and 40 digits. */
  static final int ADDRESS_LENGTH = 42;

  private HexText() {}

  /**
   * A hex quantity ({@code "0x1a"}; a plain JSON integer is accepted too) that fits a long.
   *
   * @throws RpcException (malformed) for anything else
   */
  static long quantity(JsonParser parser, String field) throws IOException, RpcException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_NUMBER_INT) {
      long value = parser.getLongValue();
      if (value < 0) {
        throw RpcException.malformed(field + " is negative: " + value);
      }
      return value;
    }
    if (token != JsonToken.VALUE_STRING) {
      throw RpcException.malformed(field + " is not a hex quantity but " + token);
    }
    char[] chars = parser.getTextCharacters();
    int offset = parser.getTextOffset();
    int length = parser.getTextLength();
    if (length < 3 || chars[offset] != '0' || (chars[offset + 1] | 0x20) != 'x') {
      throw RpcException.malformed(field + " is not a hex quantity: " + parser.getText());
    }
    long value = 0;
    for (int i = offset + 2; i < offset + length; i++) {
      int digit = Character.digit(chars[i], 16);
      if (digit < 0 || value > (Long.MAX_VALUE >>> 4)) {
        throw RpcException.malformed(field + " is not a hex quantity: " + parser.getText());
      }
      value = (value << 4) | digit;
    }
    return value;
  }

  /**
   * A hex string: "0x" and hex digits ({@code expectedLength} characters in all, or any even number
   * of digits for {@link #ANY_LENGTH}), lower-cased; {@code previous} itself when equal to it.
   *
   * @throws RpcException (malformed) for anything else, null included
   */
  static String string(JsonParser parser, String field, int expectedLength, String previous)
      throws IOException, RpcException {
    if (parser.currentToken() != JsonToken.VALUE_STRING) {
      throw RpcException.malformed(field + " is not a hex string but " + parser.currentToken());
    }
    char[] chars = parser.getTextCharacters();
    int offset = parser.getTextOffset();
    int length = parser.getTextLength();
    boolean shapeOk =
        expectedLength == ANY_LENGTH ? length >= 2 && (length & 1) == 0 : length == expectedLength;
    if (!shapeOk || chars[offset] != '0' || chars[offset + 1] != 'x') {
      throw RpcException.malformed(field + " is not a hex string of the right length");
    }
    boolean upper = false;
    for (int i = offset + 2; i < offset + length; i++) {
      char c = chars[i];
      if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) {
        continue;
      }
      if (c >= 'A' && c <= 'F') {
        upper = true;
        continue;
      }
      throw RpcException.malformed(field + " holds a character that is not hex: " + c);
    }
    if (upper) {
      char[] lower = new char[length];
      for (int i = 0; i < length; i++) {
        char c = chars[offset + i];
        lower[i] = c >= 'A' && c <= 'F' ? (char) (c + ('a' - 'A')) : c;
      }
      return same(previous, lower, 0, length) ? previous : new String(lower);
    }
    return same(previous, chars, offset, length) ? previous : new String(chars, offset, length);
  }

  private static boolean same(String previous, char[] chars, int offset, int length) {
    if (previous == null || previous.length() != length) {
      return false;
    }
    // compare from the end: hashes sharing a prefix are rare, but "0x" and padded zeros are common
    for (int i = length - 1; i >= 0; i--) {
      if (previous.charAt(i) != chars[offset + i]) {
        return false;
      }
    }
    return true;
  }
}
