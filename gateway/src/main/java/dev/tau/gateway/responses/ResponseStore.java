package dev.tau.gateway.responses;

import dev.tau.core.json.Json;
import dev.tau.core.session.SessionId;
import dev.tau.core.session.StoreException;
import dev.tau.core.util.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stored responses for {@code GET /v1/responses/{id}} and {@code previous_response_id}: one file
 * {@code <dir>/<id>.json} each, written atomically, holding the response object and the session it
 * ran in. At most {@code maxResponses} are kept; storing one more deletes the oldest. Ids are
 * checked against {@link #ID} before touching the file system, so an id cannot name a path.
 */
final class ResponseStore {
  /** The default number of responses kept. */
  static final int DEFAULT_MAX_RESPONSES = 1000;

  /** What a stored response id may look like. */
  static final Pattern ID = Pattern.compile("^[A-Za-z0-9_-]{1,128}$");

  private static final System.Logger LOG = System.getLogger(ResponseStore.class.getName());

  /** A stored response and the session it ran in. */
  record Stored(SessionId session, ObjectNode response) {}

  private final Path dir;
  private final int maxResponses;
  private final Deque<String> order = new ArrayDeque<>();
  private final Set<String> known = new HashSet<>();

  /** Opens {@code dir}, indexing the responses already there, oldest first. */
  ResponseStore(Path dir, int maxResponses) {
    if (maxResponses < 1) {
      throw new IllegalArgumentException("maxResponses must be at least 1");
    }
    this.dir = dir;
    this.maxResponses = maxResponses;
    for (String id : existing(dir)) {
      order.addLast(id);
      known.add(id);
    }
  }

  Path dir() {
    return dir;
  }

  /**
   * Stores {@code response} (its {@code id} names the file) and prunes the oldest beyond the limit.
   *
   * @throws StoreException when the file cannot be written
   */
  synchronized void save(SessionId session, ObjectNode response) {
    String id = Json.text(response, "id", "");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("response id '" + id + "' cannot name a stored response");
    }
    ObjectNode record = Json.object();
    record.put("schema_version", 1);
    record.put("session_key", session.value());
    record.set("response", response);
    try {
      AtomicFiles.write(dir.resolve(id + ".json"), Json.write(record) + "\n");
    } catch (IOException e) {
      throw new StoreException("cannot store response " + id + ": " + e.getMessage(), e);
    }
    if (known.add(id)) {
      order.addLast(id);
    }
    while (order.size() > maxResponses) {
      String oldest = order.removeFirst();
      known.remove(oldest);
      try {
        Files.deleteIfExists(dir.resolve(oldest + ".json"));
      } catch (IOException e) {
        LOG.log(System.Logger.Level.WARNING, "cannot prune stored response " + oldest, e);
      }
    }
  }

  /** The stored response with this id, if any (a bad id, a missing or unreadable file: empty). */
  Optional<Stored> find(String id) {
    if (id == null || !ID.matcher(id).matches()) {
      return Optional.empty();
    }
    Path file = dir.resolve(id + ".json");
    try {
      JsonNode record = Json.parse(Files.readString(file));
      JsonNode response = record.get("response");
      if (!(response instanceof ObjectNode o)) {
        return Optional.empty();
      }
      return Optional.of(new Stored(SessionKeys.sanitize(Json.text(record, "session_key", "")), o));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | IllegalArgumentException e) {
      LOG.log(System.Logger.Level.WARNING, "cannot read stored response " + file, e);
      return Optional.empty();
    }
  }

  /** How many responses are stored. */
  synchronized int size() {
    return order.size();
  }

  private static List<String> existing(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".json"))
          .filter(Files::isRegularFile)
          .sorted(Comparator.comparing(ResponseStore::modified).thenComparing(Path::toString))
          .map(p -> p.getFileName().toString().replaceFirst("\\.json$", ""))
          .filter(id -> ID.matcher(id).matches())
          .toList();
    } catch (IOException e) {
      throw new StoreException("cannot list stored responses in " + dir + ": " + e.getMessage(), e);
    }
  }

  private static long modified(Path p) {
    try {
      return Files.getLastModifiedTime(p).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }
}
