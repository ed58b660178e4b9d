package dev.tau.guardrails;

/**
 * Secret-shaped sample values, assembled at run time so the source tree holds no literal key a
 * secret scanner would (rightly) flag.
 */
final class Samples {
  private Samples() {}

  static final String OPENAI = "sk-" + "proj-" + "Ab3dE5gH7jK9mN1pQ3sT5vW7";
  static final String ANTHROPIC = "sk-" + "ant-" + "api03-Zx8Cv7Bn6Mq5Wr4Ty3Ui2";
  static final String GOOGLE = "AI" + "za" + "SyD4f5G6h7J8k9L0zXcVbNmQwErTyUiOp1a";
  static final String AWS = "AK" + "IA" + "IOSFODNN7EXAMPLE";
  static final String GITHUB = "gh" + "p_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";
  static final String SLACK = "xo" + "xb-" + "1234567890-abcdefGHIJ";
  static final String BEARER = "Authorization: Bearer " + "eyJhbGciOiJIUzI1NiJ9.e30.signature";
  static final String PEM =
      "-----BEGIN "
          + "RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAx\nabc123==\n-----END RSA PRIVATE KEY-----";
}
