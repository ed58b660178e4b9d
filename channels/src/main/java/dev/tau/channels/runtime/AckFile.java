package dev.tau.channels.runtime;

import dev.tau.core.json.Json;
import dev.tau.core.util.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.SequencedSet;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The crash journal of the running cycle, {@code <state-dir>/runner-ack.json}: the event keys whose
 * outcome is durable in the channel store (acknowledged one by one, each time written atomically),
 * and the event whose reply is being sent to a platform right now. {@code state.json} is written
 * only at the end of a cycle; if the process dies before, the next cycle starts by folding this
 * file into the processed keys, so no acknowledged event is processed again, and an event that died
 * with its send in flight is recorded as unconfirmed instead of being sent a second time. The file
 * is deleted once {@code state.json} holds its keys.
 */
final class AckFile {
  static final String FILE_NAME = "runner-ack.json";

  private final Path file;
  private final SequencedSet<String> acked = new LinkedHashSet<>();
  private String delivering;

  private AckFile(Path file) {
    this.file = file;
  }

  /** Reads the journal a previous cycle left (none → empty). */
  static AckFile load(Path stateDir, Consumer<String> warn) {
    AckFile ack = new AckFile(stateDir.resolve(FILE_NAME));
    if (!Files.exists(ack.file)) {
      return ack;
    }
    try {
      JsonNode root = Json.mapper().readTree(Files.readString(ack.file));
      for (JsonNode key : root.path("acked_event_keys")) {
        if (key.isString() && !key.asString().isBlank()) {
          ack.acked.add(key.asString());
        }
      }
      String inFlight = Json.text(root, "delivering_event_key", "");
      ack.delivering = inFlight.isBlank() ? null : inFlight;
    } catch (IOException | JacksonException | UncheckedIOException e) {
      // written atomically, so this is damage from outside: the channel store's idempotency still
      // keeps re-processed events from being recorded twice
      warn.accept("multi-channel ack journal " + ack.file + " is unreadable; ignoring it");
    }
    return ack;
  }

  SequencedSet<String> acked() {
    return acked;
  }

  /** The event whose send was in flight when the previous process stopped. */
  Optional<String> delivering() {
    return Optional.ofNullable(delivering);
  }

  /** Records that {@code eventKey}'s outcome is durable. */
  void ack(String eventKey) {
    ackAll(java.util.List.of(eventKey));
  }

  /** Records, in one atomic write, that the outcomes of {@code eventKeys} are durable. */
  void ackAll(java.util.Collection<String> eventKeys) {
    if (eventKeys.isEmpty()) {
      return;
    }
    acked.addAll(eventKeys);
    if (delivering != null && eventKeys.contains(delivering)) {
      delivering = null;
    }
    write();
  }

  /** Records that a reply to {@code eventKey} is about to leave for the platform. */
  void delivering(String eventKey) {
    delivering = eventKey;
    write();
  }

  /** The send ended (either way) and its outcome is in the channel store. */
  void delivered() {
    if (delivering != null) {
      delivering = null;
      write();
    }
  }

  /** Removes the journal once {@code state.json} holds its keys. */
  void delete() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + file, e);
    }
    acked.clear();
    delivering = null;
  }

  private void write() {
    ObjectNode root = Json.object();
    root.put("schema_version", 1);
    var keys = root.putArray("acked_event_keys");
    acked.forEach(keys::add);
    if (delivering == null) {
      root.putNull("delivering_event_key");
    } else {
      root.put("delivering_event_key", delivering);
    }
    try {
      AtomicFiles.write(file, Json.write(root) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
