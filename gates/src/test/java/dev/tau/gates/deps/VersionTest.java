package dev.tau.gates.deps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VersionTest {
  private static int cmp(String a, String b) {
    return Integer.signum(Version.parse(a).compareTo(Version.parse(b)));
  }

  @Test
  void ordersVersionsTheWayMavenDoes() {
    assertThat(cmp("2.17.0", "2.17.1")).isNegative();
    assertThat(cmp("2.9.10.7", "2.9.10.8")).isNegative();
    assertThat(cmp("2.10", "2.9.10.8")).isPositive();
    assertThat(cmp("2.0-beta9", "2.0")).isNegative();
    assertThat(cmp("2.0-rc1", "2.0-beta9")).isPositive();
    assertThat(cmp("1.0-SNAPSHOT", "1.0")).isNegative();
    assertThat(cmp("1.0.1", "1.0-rc1")).isPositive();
    assertThat(cmp("31.1-jre", "32.0.0")).isNegative();
    assertThat(cmp("32.0.0-jre", "32.0.0")).isPositive();
    assertThat(cmp("4.1.108.Final", "4.1.108")).isZero();
    assertThat(cmp("4.1.107.Final", "4.1.108.Final")).isNegative();
    assertThat(cmp("20231013", "20230227")).isPositive();
    assertThat(cmp("1.0", "1")).isZero();
    assertThat(cmp("1.0.0", "1.0.final")).isZero();
    assertThat(cmp("3.54.1.0", "3.41.2.2")).isPositive();
  }

  @Test
  void rejectsWhatIsNotAVersion() {
    assertThatThrownBy(() -> Version.parse(" ")).hasMessageContaining("must not be blank");
    assertThatThrownBy(() -> Version.parse("1.0,2.0")).hasMessageContaining("is not a version");
  }

  @Test
  void rangesFollowMavenSyntax() {
    VersionRange log4shell = VersionRange.parse("[2.0-beta9,2.17.1)");
    assertThat(log4shell.contains(Version.parse("2.14.1"))).isTrue();
    assertThat(log4shell.contains(Version.parse("2.0-beta9"))).isTrue();
    assertThat(log4shell.contains(Version.parse("2.17.1"))).isFalse();
    assertThat(log4shell.contains(Version.parse("1.2.17"))).isFalse();

    VersionRange union = VersionRange.parse("(,3.16.3),[3.17.0,3.19.6)");
    assertThat(union.contains(Version.parse("3.16.2"))).isTrue();
    assertThat(union.contains(Version.parse("3.16.3"))).isFalse();
    assertThat(union.contains(Version.parse("3.18.0"))).isTrue();
    assertThat(union.contains(Version.parse("3.19.6"))).isFalse();

    assertThat(VersionRange.parse("[4.0]").contains(Version.parse("4.0"))).isTrue();
    assertThat(VersionRange.parse("[4.0]").contains(Version.parse("4.1"))).isFalse();
    assertThat(VersionRange.parse("1.2.3").contains(Version.parse("1.2.3"))).isTrue();
    assertThat(VersionRange.parse("[1.4.198,)").contains(Version.parse("9"))).isTrue();
  }

  @Test
  void malformedRangesAreRefusedWithAReason() {
    assertThatThrownBy(() -> VersionRange.parse("[1.0,2.0")).hasMessageContaining("not closed");
    assertThatThrownBy(() -> VersionRange.parse("[,2.0)")).hasMessageContaining("open end");
    assertThatThrownBy(() -> VersionRange.parse("[2.0,1.0)")).hasMessageContaining("lower bound");
    assertThatThrownBy(() -> VersionRange.parse("(1.0)")).hasMessageContaining("written [x]");
    assertThatThrownBy(() -> VersionRange.parse("[1,2)x")).hasMessageContaining("expected ','");
  }
}
