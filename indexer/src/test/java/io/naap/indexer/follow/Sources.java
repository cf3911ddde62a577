package io.naap.indexer.follow;

import io.naap.indexer.chain.ChainSource;
import io.naap.indexer.decode.ProtocolEventDecoder;
import io.naap.indexer.rpc.JsonRpcChainSource;
import io.naap.indexer.rpc.RpcSettings;
import java.net.URI;

/** The production chain source and log mapper, as the app wires them. */
final class Sources {
  private Sources() {}

  static ChainSource jsonRpc(String url) {
    return new JsonRpcChainSource(URI.create(url), RpcSettings.defaults());
  }

  static LogMapper mapper() {
    return new DecodingLogMapper(new ProtocolEventDecoder());
  }
}
