/**
 * Decoding: the logs of the mirrored contracts as typed events.
 *
 * <p>{@link io.naap.indexer.decode.ProtocolEventDecoder#decode} reads a fetched {@link
 * io.naap.indexer.chain.RawLog} as an event of the {@link io.naap.indexer.decode.ProtocolContract}
 * that emitted it: a {@link io.naap.indexer.decode.ProtocolEvent} record (one per event of
 * docs/PROTOCOL.md and of naap's SlaOracle and SlaFeeDistributor, components named as the Solidity
 * parameters, each with its {@link io.naap.indexer.decode.LogRef}), or {@link
 * io.naap.indexer.decode.Decoded.Unknown} with the reason when the contract declares no such topic
 * or the log does not decode. Unknown logs are counted by topic and never fatal: the indexer stores
 * them raw, so nothing is lost and a later decoder can read them.
 *
 * <p>Where the definitions come from: each event's topic 0 and parameter types are those of the
 * generated bindings' {@code Event} constants (compiled from contracts/src), looked up per contract
 * and topic, since {@code ParameterUpdate(string)} has one topic on four contracts and the events
 * both of naap's contracts inherit from OpenZeppelin one topic on both. The ABI words are decoded
 * directly (32-byte words, offsets, lengths) rather than by web3j's reflective decoder: the same
 * values for every well-formed log (a property test checks it against web3j), stricter on malformed
 * ones, several times faster.
 *
 * <p>Every decoded log also exposes {@link io.naap.indexer.decode.Decoded#fields()}: its arguments
 * as JSON-ready values in declaration order, uint256 as decimal strings, which the {@code
 * protocol_event} table stores as its {@code fields}.
 */
package io.naap.indexer.decode;
