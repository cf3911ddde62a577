package io.naap.indexer.follow;

import io.naap.indexer.chain.RawLog;
import io.naap.indexer.decode.Decoded;
import io.naap.indexer.decode.ProtocolContract;
import io.naap.indexer.decode.ProtocolEventDecoder;
import io.naap.storage.protocol.ProtocolEventRow;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Mirrors a log as its decoded event (name and arguments), or as an unknown log with its topics and
 * data when its contract declares no such event: nothing fetched is dropped, and unknown topics are
 * counted by the decoder ({@link ProtocolEventDecoder#unknownCounts()}). The block's time is the
 * one the node sent with the log, if it did.
 */
public final class DecodingLogMapper implements LogMapper {
  private static final HexFormat HEX = HexFormat.of();

  private final ProtocolEventDecoder decoder;

  public DecodingLogMapper(ProtocolEventDecoder decoder) {
    this.decoder = Objects.requireNonNull(decoder, "decoder");
  }

  /** The decoder, for its counts of unknown topics. */
  public ProtocolEventDecoder decoder() {
    return decoder;
  }

  /**
   * @throws IllegalArgumentException when {@code contract} is not a contract naap decodes (the
   *     configuration is checked before indexing starts)
   */
  @Override
  public ProtocolEventRow map(RawLog log, String contract) {
    ProtocolContract emitter =
        ProtocolContract.byName(contract)
            .orElseThrow(
                () -> new IllegalArgumentException("naap decodes no contract " + contract));
    Decoded decoded = decoder.decode(log, emitter);
    String fields = decoded.fieldsJson();
    if (fields.contains("\\u0000")) {
      // a string argument (a service URI anyone may set) holds U+0000, which jsonb cannot store:
      // kept whole as an unknown log instead, so the chunk is not refused
      decoded =
          new Decoded.Unknown(
              decoded.log(),
              log.topics(),
              log.data(),
              decoded.name() + " has a string holding U+0000, which PostgreSQL cannot store");
      fields = decoded.fieldsJson();
    }
    return new ProtocolEventRow(
        log.blockNumber(),
        log.logIndex(),
        bytes32(log.blockHash()),
        log.blockTimestamp().isPresent()
            ? Instant.ofEpochSecond(log.blockTimestamp().getAsLong())
            : null,
        bytes32(log.transactionHash()),
        contract,
        decoded.log().address(),
        decoded.name(),
        fields);
  }

  private static byte[] bytes32(String hex) {
    return HEX.parseHex(hex, 2, hex.length());
  }
}
