package dev.tau.gateway.status;

import dev.tau.core.json.Json;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code training} block of {@code /gateway/status}: whether {@code
 * <tau_root>/training/status.json} exists and what it says (tau-spec §2.8). Tau reports the file;
 * it does not run training itself.
 */
public final class TrainingStatus {
  private TrainingStatus() {}

  public static ObjectNode read(Path statusPath) {
    ObjectNode out = Json.object();
    ArrayNode diagnostics = Json.array();
    JsonNode status = null;
    switch (StateFiles.readObject(statusPath)) {
      case StateFiles.Read.Missing m -> diagnostics.add("training_status_missing:" + statusPath);
      case StateFiles.Read.ReadFailed f ->
          diagnostics.add("training_status_read_failed:" + statusPath + ": " + f.message());
      case StateFiles.Read.ParseFailed f ->
          diagnostics.add("training_status_parse_failed:" + statusPath + ": " + f.message());
      case StateFiles.Read.Loaded l -> status = l.json();
    }
    out.put("status_path", statusPath.toString());
    out.put("status_present", status != null);
    out.put("updated_unix_ms", Json.number(status, "updated_unix_ms", 0));
    out.put("run_state", Json.text(status, "run_state", "unknown"));
    out.put("model_ref", Json.text(status, "model_ref", ""));
    out.put("store_path", Json.text(status, "store_path", ""));
    out.put("total_rollouts", Json.number(status, "total_rollouts", 0));
    out.put("succeeded", Json.number(status, "succeeded", 0));
    out.put("failed", Json.number(status, "failed", 0));
    out.put("cancelled", Json.number(status, "cancelled", 0));
    out.set("diagnostics", diagnostics);
    return out;
  }
}
