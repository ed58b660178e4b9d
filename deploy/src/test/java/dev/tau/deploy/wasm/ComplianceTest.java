package dev.tau.deploy.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ComplianceTest {
  private static final RuntimeConstraints GATEWAY =
      RuntimeConstraints.forProfile(WasmRuntimeProfile.WASM_WASI);
  private static final RuntimeConstraints CHANNEL =
      RuntimeConstraints.forProfile(WasmRuntimeProfile.CHANNEL_AUTOMATION_WASI);
  private static final List<String> BASE = RuntimeConstraints.baseCapabilityConstraints();

  private static Compliance.Result gateway(long size, List<String> imports) {
    return Compliance.evaluate(GATEWAY, "wasm_wasi", size, BASE, imports);
  }

  @Test
  void noImportsIsCompliantWithTheInformationalCode() {
    Compliance.Result r = gateway(8, List.of());
    assertThat(r.wire()).containsExactly("abi_assumed_no_imports");
    assertThat(r.compliant()).isTrue();
  }

  @Test
  void wasiPreview2ImportsAreCompliantWithNoCodes() {
    Compliance.Result r = gateway(100, List.of("env", "wasi:cli/run@0.2.0"));
    assertThat(r.reasons()).isEmpty();
    assertThat(r.compliant()).isTrue();
  }

  @Test
  void envOnlyMissesTheRequiredAbi() {
    Compliance.Result r = gateway(100, List.of("env"));
    assertThat(r.wire()).containsExactly("required_abi_missing");
    assertThat(r.compliant()).isFalse();
  }

  @Test
  void legacyWasiIsMissingNotAllowlistedAndForbidden() {
    Compliance.Result r = gateway(100, List.of("wasi_snapshot_preview1"));
    assertThat(r.wire())
        .containsExactly(
            "required_abi_missing", "import_module_not_allowlisted", "import_module_forbidden");
  }

  @Test
  void anUnknownModuleNextToWasiIsNotAllowlisted() {
    assertThat(gateway(100, List.of("wasi:cli/run@0.2.0", "js")).wire())
        .containsExactly("import_module_not_allowlisted");
  }

  @Test
  void sizeLimitsDifferPerProfile() {
    assertThat(gateway(2_097_152, List.of("wasi:x")).compliant()).isTrue();
    assertThat(gateway(2_097_153, List.of("wasi:x")).wire())
        .containsExactly("artifact_size_limit_exceeded");
    Compliance.Result channel =
        Compliance.evaluate(
            CHANNEL,
            "channel_automation_wasi",
            1_048_577,
            RuntimeConstraints.capabilityConstraints(WasmRuntimeProfile.CHANNEL_AUTOMATION_WASI),
            List.of("wasi:x"));
    assertThat(channel.wire()).containsExactly("artifact_size_limit_exceeded");
  }

  @Test
  void channelProfileRequiresTheDispatchGate() {
    assertThat(CHANNEL.requiredFeatureGates()).endsWith("channel_event_dispatch_host_capability");
    Compliance.Result r =
        Compliance.evaluate(CHANNEL, "channel_automation_wasi", 10, BASE, List.of("wasi:x"));
    assertThat(r.wire()).containsExactly("required_feature_gate_missing");
  }

  @Test
  void runtimeProfileMismatchComesFirst() {
    Compliance.Result r =
        Compliance.evaluate(GATEWAY, "channel_automation_wasi", 3_000_000, BASE, List.of());
    assertThat(r.wire())
        .containsExactly(
            "runtime_profile_mismatch", "artifact_size_limit_exceeded", "abi_assumed_no_imports");
  }

  @Test
  void profilesMatchTheSpecTable() {
    assertThat(GATEWAY.profileId()).isEqualTo("control_plane_gateway_v1");
    assertThat(GATEWAY.targetRole()).isEqualTo("control_plane_gateway");
    assertThat(GATEWAY.maxArtifactSizeBytes()).isEqualTo(2_097_152);
    assertThat(CHANNEL.profileId()).isEqualTo("channel_automation_runtime_v1");
    assertThat(CHANNEL.targetRole()).isEqualTo("channel_automation_runtime");
    assertThat(CHANNEL.maxArtifactSizeBytes()).isEqualTo(1_048_576);
    assertThat(GATEWAY.forbiddenImportModules())
        .containsExactly("wasi_snapshot_preview1", "wasi_unstable");
    assertThat(GATEWAY.allowedImportModules()).containsExactly("wasi:*", "env");
  }
}
