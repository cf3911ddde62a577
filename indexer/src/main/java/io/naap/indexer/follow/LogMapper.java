package io.naap.indexer.follow;

import io.naap.indexer.chain.RawLog;
import io.naap.storage.protocol.ProtocolEventRow;

/** Turns a fetched log of a mirrored contract into the row that mirrors it. Never throws. */
@FunctionalInterface
public interface LogMapper {
  /**
   * @param contract the configured name of the contract that emitted it
   */
  ProtocolEventRow map(RawLog log, String contract);
}
