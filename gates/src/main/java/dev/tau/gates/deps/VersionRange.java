package dev.tau.gates.deps;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Maven version range as advisories write them: {@code [2.0-beta9,2.17.1)}, {@code (,2.0)},
 * {@code [1.4.198,)}, {@code [2.9.10]}, or a union {@code (,3.16.3),[3.17.0,3.19.6)}. A bare
 * version ({@code 1.2.3}) means exactly that version.
 */
public final class VersionRange {
  private record Interval(
      Optional<Version> lower,
      boolean lowerInclusive,
      Optional<Version> upper,
      boolean upperInclusive) {
    boolean contains(Version v) {
      if (lower.isPresent()) {
        int c = v.compareTo(lower.get());
        if (c < 0 || (c == 0 && !lowerInclusive)) {
          return false;
        }
      }
      if (upper.isPresent()) {
        int c = v.compareTo(upper.get());
        if (c > 0 || (c == 0 && !upperInclusive)) {
          return false;
        }
      }
      return true;
    }
  }

  private final String text;
  private final List<Interval> intervals;

  private VersionRange(String text, List<Interval> intervals) {
    this.text = text;
    this.intervals = List.copyOf(intervals);
  }

  /**
   * Parses a range.
   *
   * @throws IllegalArgumentException saying what is wrong with it
   */
  public static VersionRange parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("a version range must not be blank");
    }
    String s = text.strip();
    if (s.charAt(0) != '[' && s.charAt(0) != '(') {
      Version exact = Version.parse(s);
      return new VersionRange(
          s, List.of(new Interval(Optional.of(exact), true, Optional.of(exact), true)));
    }
    List<Interval> intervals = new ArrayList<>();
    int at = 0;
    while (at < s.length()) {
      char open = s.charAt(at);
      if (open != '[' && open != '(') {
        throw new IllegalArgumentException(
            "version range '" + text + "': expected '[' or '(' at position " + (at + 1));
      }
      int close = indexOfClose(s, at);
      if (close < 0) {
        throw new IllegalArgumentException("version range '" + text + "' is not closed");
      }
      intervals.add(
          interval(s.substring(at + 1, close), open == '[', s.charAt(close) == ']', text));
      at = close + 1;
      if (at < s.length()) {
        if (s.charAt(at) != ',') {
          throw new IllegalArgumentException(
              "version range '" + text + "': expected ',' between intervals");
        }
        at++;
      }
    }
    return new VersionRange(s, intervals);
  }

  private static int indexOfClose(String s, int from) {
    for (int i = from + 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ']' || c == ')') {
        return i;
      }
    }
    return -1;
  }

  private static Interval interval(
      String body, boolean lowerInclusive, boolean upperInclusive, String text) {
    int comma = body.indexOf(',');
    if (comma < 0) {
      if (!lowerInclusive || !upperInclusive || body.isBlank()) {
        throw new IllegalArgumentException(
            "version range '" + text + "': a single version must be written [x]");
      }
      Version exact = Version.parse(body.strip());
      return new Interval(Optional.of(exact), true, Optional.of(exact), true);
    }
    if (body.indexOf(',', comma + 1) >= 0) {
      throw new IllegalArgumentException(
          "version range '" + text + "': an interval has at most one ','");
    }
    String lo = body.substring(0, comma).strip();
    String hi = body.substring(comma + 1).strip();
    Optional<Version> lower = lo.isEmpty() ? Optional.empty() : Optional.of(Version.parse(lo));
    Optional<Version> upper = hi.isEmpty() ? Optional.empty() : Optional.of(Version.parse(hi));
    if ((lower.isEmpty() && lowerInclusive) || (upper.isEmpty() && upperInclusive)) {
      throw new IllegalArgumentException(
          "version range '" + text + "': an open end takes '(' or ')', not a bracket");
    }
    if (lower.isPresent() && upper.isPresent() && lower.get().compareTo(upper.get()) > 0) {
      throw new IllegalArgumentException(
          "version range '" + text + "': the lower bound is above the upper bound");
    }
    return new Interval(lower, lowerInclusive, upper, upperInclusive);
  }

  /** Whether {@code version} is in the range. */
  public boolean contains(Version version) {
    return intervals.stream().anyMatch(i -> i.contains(version));
  }

  @Override
  public String toString() {
    return text;
  }
}
