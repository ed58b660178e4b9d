package dev.tau.gateway.a2a;

/** The JSON-RPC 2.0 and A2A error codes the endpoint answers with. */
public enum RpcError {
  PARSE_ERROR(-32700),
  INVALID_REQUEST(-32600),
  METHOD_NOT_FOUND(-32601),
  INVALID_PARAMS(-32602),
  INTERNAL_ERROR(-32603),
  TASK_NOT_FOUND(-32001),
  /** A2A: the requested protocol version is not served. */
  VERSION_NOT_SUPPORTED(-32009);

  private final int code;

  RpcError(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
