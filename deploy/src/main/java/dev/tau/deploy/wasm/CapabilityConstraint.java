package dev.tau.deploy.wasm;

/**
 * The capability constraints a deliverable declares, which are also the feature gates a runtime
 * constraint profile requires (tau-spec §4.8.3).
 */
public enum CapabilityConstraint {
  NO_NATIVE_PROCESS_EXEC("no_native_process_exec"),
  FILESYSTEM_LIMITED_TO_PREOPENED_DIRS("filesystem_limited_to_preopened_dirs"),
  NETWORK_ACCESS_REQUIRES_HOST_CAPABILITY("network_access_requires_host_capability"),
  DETERMINISTIC_TIME_REQUIRES_HOST_INJECTION("deterministic_time_requires_host_injection"),
  /** Only for {@code channel_automation_wasi}. */
  CHANNEL_EVENT_DISPATCH_HOST_CAPABILITY("channel_event_dispatch_host_capability");

  private final String wire;

  CapabilityConstraint(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }
}
