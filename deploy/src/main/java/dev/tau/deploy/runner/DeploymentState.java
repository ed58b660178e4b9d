package dev.tau.deploy.runner;

import dev.tau.core.health.TransportHealth;
import dev.tau.core.json.Json;
import dev.tau.core.util.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SequencedSet;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The deployment {@code state.json} (tau-spec §4.5): processed case keys (oldest first, at most the
 * cap), rollout records sorted by case key, the health snapshot (§1.1) and the {@code
 * wasm_deliverables} the WASM package command records.
 *
 * <p>Two writers share the file: the contract runner and the package command. Both do their
 * read-modify-write under one lock ({@code .state.lock} next to the file), and the runner takes the
 * {@code wasm_deliverables} from the file as it is when it saves, so a deliverable recorded while a
 * cycle ran survives the cycle (the original dropped them on the next runner save).
 */
public final class DeploymentState {
  public static final String FILE_NAME = "state.json";
  public static final int SCHEMA_VERSION = 1;
  static final String LOCK_FILE = ".state.lock";

  // one process may hold a file lock only once; threads of this JVM queue here first
  private static final Object JVM_LOCK = new Object();

  private final SequencedSet<String> processed = new LinkedHashSet<>();
  private final TreeMap<String, RolloutRecord> rollouts = new TreeMap<>();
  private TransportHealth health = TransportHealth.EMPTY;

  /** The state file of a state directory. */
  public static Path file(Path stateDir) {
    return stateDir.resolve(FILE_NAME);
  }

  /** A fresh state: nothing processed, no rollouts, empty health. */
  public DeploymentState() {}

  /**
   * Loads {@code <stateDir>/state.json}: missing → a fresh state; unreadable, unparsable or another
   * schema → a fresh state and a "starting fresh" warning (tau-spec §1.2).
   */
  public static DeploymentState load(Path stateDir, Consumer<String> warn) {
    Path file = file(stateDir);
    DeploymentState state = new DeploymentState();
    if (!Files.exists(file)) {
      return state;
    }
    JsonNode root;
    try {
      root = Json.mapper().readTree(Files.readString(file));
    } catch (IOException | JacksonException | UncheckedIOException e) {
      warn.accept("deployment state " + file + " is unreadable; starting fresh: " + e.getMessage());
      return state;
    }
    if (root == null
        || !root.isObject()
        || Json.number(root, "schema_version", -1) != SCHEMA_VERSION) {
      warn.accept("deployment state " + file + " is not a schema_version 1 object; starting fresh");
      return state;
    }
    for (JsonNode key : root.path("processed_case_keys")) {
      if (key.isString() && !key.asString().isBlank()) {
        state.markProcessed(key.asString().strip());
      }
    }
    for (JsonNode node : root.path("rollouts")) {
      RolloutRecord r = RolloutRecord.fromJson(node);
      if (r != null) {
        state.rollouts.put(r.caseKey(), r);
      }
    }
    state.health = TransportHealth.fromJson(root.path("health"));
    return state;
  }

  public boolean isProcessed(String caseKey) {
    return processed.contains(caseKey);
  }

  /** Marks a key processed (moving it to the newest end). */
  public void markProcessed(String caseKey) {
    processed.remove(caseKey);
    processed.add(caseKey);
  }

  /** Keeps only the newest {@code cap} processed keys. */
  public void trim(int cap) {
    while (processed.size() > cap) {
      processed.removeFirst();
    }
  }

  public List<String> processedKeys() {
    return new ArrayList<>(processed);
  }

  /** Inserts or replaces the rollout with the same case key. */
  public void upsertRollout(RolloutRecord rollout) {
    rollouts.put(rollout.caseKey(), rollout);
  }

  /** The rollouts, sorted by case key. */
  public List<RolloutRecord> rollouts() {
    return List.copyOf(rollouts.values());
  }

  public TransportHealth health() {
    return health;
  }

  public void health(TransportHealth value) {
    this.health = value;
  }

  /** The runner's part of the file, with the given deliverables. */
  ObjectNode toJson(ArrayNode wasmDeliverables) {
    ObjectNode root = Json.object();
    root.put("schema_version", SCHEMA_VERSION);
    ArrayNode keys = root.putArray("processed_case_keys");
    processed.forEach(keys::add);
    ArrayNode list = root.putArray("rollouts");
    rollouts.values().forEach(r -> list.add(r.toJson()));
    root.set("health", health.toJson());
    root.set("wasm_deliverables", wasmDeliverables);
    return root;
  }

  /**
   * Writes {@code state.json} atomically, keeping the {@code wasm_deliverables} the file holds at
   * this moment (an unreadable file or a non-array entry keeps none).
   *
   * @throws DeploymentStateException when the file cannot be written
   */
  public void save(Path stateDir) {
    locked(
        stateDir,
        () -> {
          ArrayNode deliverables = Json.array();
          JsonNode current = readOrNull(file(stateDir));
          if (current != null && current.path("wasm_deliverables").isArray()) {
            deliverables = (ArrayNode) current.path("wasm_deliverables");
          }
          write(file(stateDir), toJson(deliverables));
          return null;
        });
  }

  /**
   * Records one WASM deliverable (tau-spec §4.8.5): loads {@code state.json} as generic JSON
   * (creating {@code {schema_version:1, processed_case_keys:[], rollouts:[], health:{},
   * wasm_deliverables:[]}} when absent and adding any missing key), replaces the entry with the
   * same {@code blueprint_id} and {@code runtime_profile} or appends one, and writes the file
   * atomically under the state lock. Other keys are kept as they are.
   *
   * @return the state file written
   * @throws DeploymentStateException when the file is not a JSON object, its {@code
   *     wasm_deliverables} is not an array, or it cannot be read or written
   */
  public static Path recordWasmDeliverable(Path stateDir, WasmDeliverable deliverable) {
    Path file = file(stateDir);
    return locked(
        stateDir,
        () -> {
          ObjectNode root;
          if (Files.exists(file)) {
            JsonNode node = readOrNull(file);
            if (node == null || !node.isObject()) {
              throw new DeploymentStateException(
                  "deployment state " + file + " is not a JSON object; fix or remove it");
            }
            root = (ObjectNode) node;
          } else {
            root = Json.object();
          }
          if (!root.has("schema_version")) {
            root.put("schema_version", SCHEMA_VERSION);
          }
          for (String key : List.of("processed_case_keys", "rollouts")) {
            if (!root.has(key)) {
              root.putArray(key);
            }
          }
          if (!root.has("health")) {
            root.putObject("health");
          }
          if (!root.has("wasm_deliverables")) {
            root.putArray("wasm_deliverables");
          }
          if (!root.get("wasm_deliverables").isArray()) {
            throw new DeploymentStateException(
                "deployment state " + file + " has a wasm_deliverables that is not an array");
          }
          ArrayNode entries = (ArrayNode) root.get("wasm_deliverables");
          ObjectNode entry = deliverable.toJson();
          int replace = -1;
          for (int i = 0; i < entries.size(); i++) {
            JsonNode e = entries.get(i);
            if (deliverable.blueprintId().equals(Json.text(e, "blueprint_id", null))
                && deliverable.runtimeProfile().equals(Json.text(e, "runtime_profile", null))) {
              replace = i;
              break;
            }
          }
          if (replace >= 0) {
            entries.set(replace, entry);
          } else {
            entries.add(entry);
          }
          write(file, root);
          return file;
        });
  }

  /** The deliverables recorded in {@code state.json} (empty when none or no file). */
  public static List<JsonNode> wasmDeliverables(Path stateDir) {
    JsonNode root = readOrNull(file(stateDir));
    List<JsonNode> out = new ArrayList<>();
    if (root != null) {
      root.path("wasm_deliverables").forEach(out::add);
    }
    return out;
  }

  private static JsonNode readOrNull(Path file) {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      return Json.mapper().readTree(Files.readString(file));
    } catch (IOException | JacksonException | UncheckedIOException e) {
      return null;
    }
  }

  private static void write(Path file, JsonNode root) {
    try {
      AtomicFiles.write(
          file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
    } catch (IOException e) {
      throw new DeploymentStateException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static <T> T locked(Path stateDir, Supplier<T> action) {
    synchronized (JVM_LOCK) {
      try {
        Files.createDirectories(stateDir);
        try (FileChannel channel =
                FileChannel.open(
                    stateDir.resolve(LOCK_FILE),
                    StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock ignored = channel.lock()) {
          return action.get();
        }
      } catch (IOException e) {
        throw new DeploymentStateException(
            "cannot lock deployment state in " + stateDir + ": " + e.getMessage(), e);
      }
    }
  }
}
