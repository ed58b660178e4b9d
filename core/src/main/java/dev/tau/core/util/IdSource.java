package dev.tau.core.util;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Makes ids. Injected so tests get predictable ids. */
@FunctionalInterface
public interface IdSource {

  /** A new id starting with {@code prefix}, for example {@code call_3f2a…}. */
  String next(String prefix);

  /** Random 96-bit ids from a {@link SecureRandom}. */
  static IdSource random() {
    SecureRandom random = new SecureRandom();
    return prefix -> {
      byte[] bytes = new byte[12];
      random.nextBytes(bytes);
      return prefix + HexFormat.of().formatHex(bytes);
    };
  }

  /** {@code prefix1}, {@code prefix2}, … — for tests and deterministic offline runs. */
  static IdSource sequential() {
    java.util.concurrent.atomic.AtomicLong counter = new java.util.concurrent.atomic.AtomicLong();
    return prefix -> prefix + counter.incrementAndGet();
  }
}
