package dev.tau.gates.deps;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A Maven version, ordered the way Maven orders them (a simplified {@code ComparableVersion}): the
 * text splits into numbers and words at {@code .}, {@code -}, {@code _} and digit/letter changes;
 * numbers compare as numbers; a missing item counts as {@code 0}; the words {@code alpha} &lt;
 * {@code beta} &lt; {@code milestone} &lt; {@code rc} &lt; {@code snapshot} come before the
 * release, {@code final}, {@code ga} and {@code release} are the release itself, and any other word
 * ({@code sp}, {@code jre}, {@code android}…) comes after it. So {@code 2.0-beta9 < 2.0 = 2.0.0 =
 * 2.0.Final < 2.0.1} and {@code 31.1-jre < 32.0.0-jre}.
 */
public final class Version implements Comparable<Version> {
  // the rank of a word relative to the release (0); words not listed rank 1
  private static final Map<String, Integer> WORDS =
      Map.ofEntries(
          Map.entry("alpha", -5),
          Map.entry("a", -5),
          Map.entry("beta", -4),
          Map.entry("b", -4),
          Map.entry("milestone", -3),
          Map.entry("m", -3),
          Map.entry("rc", -2),
          Map.entry("cr", -2),
          Map.entry("snapshot", -1),
          Map.entry("", 0),
          Map.entry("final", 0),
          Map.entry("ga", 0),
          Map.entry("release", 0));

  private final String text;
  private final List<Object> items;

  private Version(String text, List<Object> items) {
    this.text = text;
    this.items = items;
  }

  /**
   * Parses a version.
   *
   * @throws IllegalArgumentException when it is blank or holds characters other than letters,
   *     digits, {@code .}, {@code -}, {@code _} and {@code +}
   */
  public static Version parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("a version must not be blank");
    }
    if (!text.matches("[A-Za-z0-9._+-]+")) {
      throw new IllegalArgumentException("'" + text + "' is not a version");
    }
    List<Object> items = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean digits = false;
    for (char c : text.toLowerCase(Locale.ROOT).toCharArray()) {
      boolean separator = c == '.' || c == '-' || c == '_' || c == '+';
      boolean digit = Character.isDigit(c);
      if (separator || (!current.isEmpty() && digit != digits)) {
        flush(current, digits, items);
      }
      if (!separator) {
        current.append(c);
        digits = digit;
      }
    }
    flush(current, digits, items);
    // 1.0 = 1 = 1.0.0 = 1.0.final: trailing zeros and release words say nothing
    while (!items.isEmpty() && isNeutral(items.getLast())) {
      items.removeLast();
    }
    return new Version(text, List.copyOf(items));
  }

  private static void flush(StringBuilder current, boolean digits, List<Object> items) {
    if (current.isEmpty()) {
      return;
    }
    String item = current.toString();
    current.setLength(0);
    items.add(digits ? new BigInteger(item) : item);
  }

  private static boolean isNeutral(Object item) {
    return (item instanceof BigInteger n && n.signum() == 0)
        || (item instanceof String s && WORDS.getOrDefault(s, 1) == 0);
  }

  @Override
  public int compareTo(Version other) {
    int n = Math.max(items.size(), other.items.size());
    for (int i = 0; i < n; i++) {
      Object a = i < items.size() ? items.get(i) : null;
      Object b = i < other.items.size() ? other.items.get(i) : null;
      int c = compareItems(a, b);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private static int compareItems(Object a, Object b) {
    if (a == null && b == null) {
      return 0;
    }
    if (a == null) {
      return -compareItems(b, null);
    }
    if (a instanceof BigInteger x) {
      if (b == null) {
        return x.signum();
      }
      // a number beats a word at the same place: 1.0.1 > 1.0-rc1, 1.1 > 1-sp
      return b instanceof BigInteger y ? x.compareTo(y) : 1;
    }
    String word = (String) a;
    if (b == null) {
      return Integer.compare(rank(word), 0);
    }
    if (b instanceof BigInteger) {
      return -1;
    }
    String other = (String) b;
    int c = Integer.compare(rank(word), rank(other));
    return c != 0 ? c : word.compareTo(other);
  }

  private static int rank(String word) {
    return WORDS.getOrDefault(word, 1);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Version v && compareTo(v) == 0;
  }

  @Override
  public int hashCode() {
    return items.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
