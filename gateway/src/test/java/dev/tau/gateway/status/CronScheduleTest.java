package dev.tau.gateway.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class CronScheduleTest {
  static ZonedDateTime at(int year, int month, int day, int hour, int minute) {
    return ZonedDateTime.of(year, month, day, hour, minute, 30, 0, ZoneOffset.UTC);
  }

  @Test
  void fiveFieldsMatchMinuteHourDayMonthAndWeekday() {
    CronSchedule s = CronSchedule.parse("30 9 * * MON-FRI");
    assertThat(s.matches(at(2025, 10, 10, 9, 30))).isTrue(); // Friday
    assertThat(s.matches(at(2025, 10, 11, 9, 30))).isFalse(); // Saturday
    assertThat(s.matches(at(2025, 10, 10, 9, 31))).isFalse();
  }

  @Test
  void stepsListsAndNamesAreUnderstood() {
    CronSchedule s = CronSchedule.parse("*/15 8,20 1-7 JAN,jul *");
    assertThat(s.matches(at(2025, 7, 3, 20, 45))).isTrue();
    assertThat(s.matches(at(2025, 7, 3, 20, 44))).isFalse();
    assertThat(s.matches(at(2025, 8, 3, 20, 45))).isFalse();
    assertThat(s.matches(at(2025, 1, 8, 8, 0))).isFalse();
  }

  @Test
  void sixAndSevenFieldFormsCarrySecondsAndYear() {
    assertThat(CronSchedule.parse("0 0 12 * * ?").matches(at(2025, 3, 3, 12, 0))).isTrue();
    CronSchedule y = CronSchedule.parse("0 0 12 * * * 2026");
    assertThat(y.matches(at(2025, 3, 3, 12, 0))).isFalse();
    assertThat(y.matches(at(2026, 3, 3, 12, 0))).isTrue();
  }

  @Test
  void restrictedDayOfMonthAndWeekdayMatchEither() {
    CronSchedule s = CronSchedule.parse("0 0 13 * 5"); // the 13th, or any Friday
    assertThat(s.matches(at(2025, 10, 13, 0, 0))).isTrue(); // Monday the 13th
    assertThat(s.matches(at(2025, 10, 10, 0, 0))).isTrue(); // Friday the 10th
    assertThat(s.matches(at(2025, 10, 14, 0, 0))).isFalse();
  }

  @Test
  void sevenIsSundayToo() {
    assertThat(CronSchedule.parse("0 0 * * 7").matches(at(2025, 10, 12, 0, 0))).isTrue();
  }

  @Test
  void badExpressionsNameTheFieldAtFault() {
    assertThatThrownBy(() -> CronSchedule.parse("* * *")).hasMessageContaining("3 fields");
    assertThatThrownBy(() -> CronSchedule.parse("* 24 * * *")).hasMessageContaining("hour");
    assertThatThrownBy(() -> CronSchedule.parse("* * * FOO *")).hasMessageContaining("month");
    assertThatThrownBy(() -> CronSchedule.parse("5-1 * * * *"))
        .hasMessageContaining("range end is before its start");
    assertThatThrownBy(() -> CronSchedule.parse(" ")).hasMessageContaining("empty");
  }
}
