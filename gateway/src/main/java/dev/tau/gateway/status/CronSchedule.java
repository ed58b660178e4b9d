package dev.tau.gateway.status;

import java.time.ZonedDateTime;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * A cron expression for periodic event definitions: five fields ({@code minute hour day-of-month
 * month day-of-week}), or six/seven with a leading seconds field and a trailing year (the form the
 * original scheduler accepted). Fields take {@code *}, {@code ?}, numbers, names ({@code JAN},
 * {@code MON}), ranges, lists and steps. Matching is per minute; the seconds field is validated but
 * not matched, because "due now" is judged at minute resolution.
 */
public final class CronSchedule {
  private static final List<String> MONTHS =
      List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
  private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

  private final BitSet minutes;
  private final BitSet hours;
  private final BitSet daysOfMonth;
  private final BitSet months;
  private final BitSet daysOfWeek;
  private final BitSet years;
  private final boolean domRestricted;
  private final boolean dowRestricted;

  private CronSchedule(String[] f, boolean withSeconds, boolean withYear) {
    int i = 0;
    if (withSeconds) {
      parseField(f[i++], 0, 59, null, "seconds");
    }
    minutes = parseField(f[i++], 0, 59, null, "minute");
    hours = parseField(f[i++], 0, 23, null, "hour");
    String dom = f[i++];
    daysOfMonth = parseField(dom, 1, 31, null, "day-of-month");
    months = parseField(f[i++], 1, 12, MONTHS, "month");
    String dow = f[i++];
    BitSet d = parseField(dow, 0, 7, DAYS, "day-of-week");
    if (d.get(7)) {
      d.set(0); // 7 is Sunday too
    }
    daysOfWeek = d;
    years = withYear ? parseField(f[i], 1970, 2199, null, "year") : null;
    domRestricted = !isWildcard(dom);
    dowRestricted = !isWildcard(dow);
  }

  /**
   * Parses an expression.
   *
   * @throws IllegalArgumentException naming the field that is wrong
   */
  public static CronSchedule parse(String expression) {
    if (expression == null || expression.isBlank()) {
      throw new IllegalArgumentException("cron expression is empty");
    }
    String[] fields = expression.strip().split("\\s+");
    return switch (fields.length) {
      case 5 -> new CronSchedule(fields, false, false);
      case 6 -> new CronSchedule(fields, true, false);
      case 7 -> new CronSchedule(fields, true, true);
      default ->
          throw new IllegalArgumentException(
              "cron expression '"
                  + expression
                  + "' has "
                  + fields.length
                  + " fields; expected 5 (minute hour day month weekday) or 6-7 with seconds"
                  + " and year");
    };
  }

  /** Whether the schedule fires during the minute containing {@code time}. */
  public boolean matches(ZonedDateTime time) {
    if (!minutes.get(time.getMinute()) || !hours.get(time.getHour())) {
      return false;
    }
    if (!months.get(time.getMonthValue())) {
      return false;
    }
    if (years != null && (time.getYear() > 2199 || !years.get(time.getYear()))) {
      return false;
    }
    boolean domMatch = daysOfMonth.get(time.getDayOfMonth());
    boolean dowMatch = daysOfWeek.get(time.getDayOfWeek().getValue() % 7);
    if (domRestricted && dowRestricted) {
      return domMatch || dowMatch; // classic cron: either restricted day field may match
    }
    return domMatch && dowMatch;
  }

  private static boolean isWildcard(String field) {
    return field.equals("*") || field.equals("?");
  }

  private static BitSet parseField(
      String field, int min, int max, List<String> names, String what) {
    BitSet bits = new BitSet(max + 1);
    for (String part : field.split(",", -1)) {
      if (part.isEmpty()) {
        throw bad(field, what, "empty list element");
      }
      int step = 1;
      String range = part;
      int slash = part.indexOf('/');
      if (slash >= 0) {
        range = part.substring(0, slash);
        step = number(part.substring(slash + 1), 1, max, null, field, what);
      }
      int from;
      int to;
      if (range.equals("*") || range.equals("?")) {
        from = min;
        to = max;
      } else if (range.contains("-")) {
        int dash = range.indexOf('-');
        from = number(range.substring(0, dash), min, max, names, field, what);
        to = number(range.substring(dash + 1), min, max, names, field, what);
        if (to < from) {
          throw bad(field, what, "range end is before its start");
        }
      } else {
        from = number(range, min, max, names, field, what);
        to = slash >= 0 ? max : from;
      }
      for (int v = from; v <= to; v += step) {
        bits.set(v);
      }
    }
    return bits;
  }

  private static int number(
      String text, int min, int max, List<String> names, String field, String what) {
    if (names != null) {
      int index = names.indexOf(text.toUpperCase(Locale.ROOT));
      if (index >= 0) {
        return names == MONTHS ? index + 1 : index;
      }
    }
    int value;
    try {
      value = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw bad(field, what, "'" + text + "' is not a number");
    }
    if (value < min || value > max) {
      throw bad(field, what, value + " is outside " + min + "-" + max);
    }
    return value;
  }

  private static IllegalArgumentException bad(String field, String what, String why) {
    return new IllegalArgumentException("invalid cron " + what + " field '" + field + "': " + why);
  }
}
