package dev.tau.gateway.a2a;

import java.util.Objects;

/** A JSON-RPC request that cannot be served; answered as a JSON-RPC error object. */
final class RpcException extends RuntimeException {
  private final RpcError error;

  RpcException(RpcError error, String message) {
    super(Objects.requireNonNull(message, "message"), null, false, false);
    this.error = Objects.requireNonNull(error, "error");
  }

  RpcError error() {
    return error;
  }
}
