package org.tinyode.fpga.client;

import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import org.tinyode.fpga.protocol.BoardProtocol;

/** Opens TLS channels to board agents with the protocol's message size limit. The caller owns and shuts them. */
public final class BoardChannels {
  private BoardChannels() {}

  /** {@code target} is {@code host:port}. */
  public static ManagedChannel open(String target, ChannelCredentials tls) {
    return Grpc.newChannelBuilder(target, tls).maxInboundMessageSize(BoardProtocol.MAX_MESSAGE_BYTES).build();
  }
}
