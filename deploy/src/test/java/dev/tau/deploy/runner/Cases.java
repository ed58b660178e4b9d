package dev.tau.deploy.runner;

import dev.tau.core.json.Json;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Builds deployment cases for tests. */
final class Cases {
  private Cases() {}

  static final Path TESTDATA =
      Path.of("..").resolve("crates/tau-coding-agent/testdata/deployment-contract");

  /** A container/native case in staging that succeeds with 202. */
  static Builder container(String id) {
    return new Builder(id)
        .target("container")
        .runtime("native")
        .image("ghcr.io/tau-dev/tau-gateway:1.4.2")
        .expectSuccess(202);
  }

  /** A wasm/wasm_wasi case that succeeds with 201. */
  static Builder wasm(String id) {
    return new Builder(id).target("wasm").runtime("wasm_wasi").module("edge/runtime.wasm");
  }

  static final class Builder {
    String id;
    String target = "container";
    String runtime = "native";
    String blueprint = "bp";
    String environment = "staging";
    String region = "iad";
    String image = "";
    String module = "";
    String manifest = "";
    long replicas = 1;
    boolean simulate;
    CaseOutcome outcome = CaseOutcome.SUCCESS;
    int status = 202;
    String errorCode = "";
    JsonNode body = Json.object();

    Builder(String id) {
      this.id = id;
    }

    Builder target(String v) {
      target = v;
      return this;
    }

    Builder runtime(String v) {
      runtime = v;
      return this;
    }

    Builder blueprint(String v) {
      blueprint = v;
      return this;
    }

    Builder environment(String v) {
      environment = v;
      return this;
    }

    Builder region(String v) {
      region = v;
      return this;
    }

    Builder image(String v) {
      image = v;
      return this;
    }

    Builder module(String v) {
      module = v;
      return this;
    }

    Builder manifest(String v) {
      manifest = v;
      return this;
    }

    Builder replicas(long v) {
      replicas = v;
      return this;
    }

    Builder retryable() {
      simulate = true;
      outcome = CaseOutcome.RETRYABLE_FAILURE;
      status = 503;
      errorCode = "deployment_backend_unavailable";
      body = Json.parse("{\"status\":\"retryable\",\"reason\":\"control_plane_unavailable\"}");
      return this;
    }

    Builder expectSuccess(int code) {
      outcome = CaseOutcome.SUCCESS;
      status = code;
      errorCode = "";
      return this;
    }

    Builder expect(CaseOutcome o, int code, String error, String bodyJson) {
      outcome = o;
      status = code;
      errorCode = error;
      body = Json.parse(bodyJson);
      return this;
    }

    DeploymentCase build() {
      return new DeploymentCase(
          1,
          id,
          target,
          runtime,
          blueprint,
          environment,
          region,
          image,
          module,
          manifest,
          replicas,
          simulate,
          new DeploymentCase.Expected(outcome, status, errorCode, body));
    }

    /** The case, with the body the evaluator gives it as its expectation (for runner tests). */
    DeploymentCase selfConsistent() {
      DeploymentCase draft = build();
      CaseResult r = new CaseEvaluator(NO_MANIFESTS, Path.of(".")).evaluate(draft);
      outcome = r.outcome();
      status = r.statusCode();
      errorCode = r.errorCodeWire();
      body = r.responseBody();
      return build();
    }
  }

  static final WasmManifestLoader NO_MANIFESTS =
      path -> {
        throw new WasmManifestLoader.InvalidManifest("no manifests in this test: " + path);
      };

  static List<DeploymentCase> list(Builder... builders) {
    return java.util.Arrays.stream(builders).map(Builder::selfConsistent).toList();
  }
}
