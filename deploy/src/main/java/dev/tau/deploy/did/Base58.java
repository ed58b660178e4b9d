package dev.tau.deploy.did;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;

/** Base58 with the Bitcoin alphabet ({@code base58btc}, multibase prefix {@code z}). */
public final class Base58 {
  private static final String ALPHABET =
      "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  private static final BigInteger BASE = BigInteger.valueOf(58);

  private Base58() {}

  public static String encode(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    BigInteger value = new BigInteger(1, bytes);
    while (value.signum() > 0) {
      BigInteger[] qr = value.divideAndRemainder(BASE);
      out.append(ALPHABET.charAt(qr[1].intValue()));
      value = qr[0];
    }
    // each leading zero byte is one leading '1'
    for (int i = 0; i < bytes.length && bytes[i] == 0; i++) {
      out.append('1');
    }
    return out.reverse().toString();
  }

  /**
   * Decodes base58btc text.
   *
   * @throws IllegalArgumentException for a character outside the alphabet
   */
  public static byte[] decode(String text) {
    BigInteger value = BigInteger.ZERO;
    int zeros = 0;
    boolean leading = true;
    for (char c : text.toCharArray()) {
      int digit = ALPHABET.indexOf(c);
      if (digit < 0) {
        throw new IllegalArgumentException("'" + c + "' is not a base58btc character");
      }
      if (leading && digit == 0) {
        zeros++;
      } else {
        leading = false;
      }
      value = value.multiply(BASE).add(BigInteger.valueOf(digit));
    }
    byte[] magnitude = value.signum() == 0 ? new byte[0] : value.toByteArray();
    int skip = magnitude.length > 0 && magnitude[0] == 0 ? 1 : 0; // BigInteger's sign byte
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[zeros]);
    out.write(magnitude, skip, magnitude.length - skip);
    return out.toByteArray();
  }
}
