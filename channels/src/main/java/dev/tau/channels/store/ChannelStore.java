package dev.tau.channels.store;

import dev.tau.channels.PathNames;
import dev.tau.core.json.Json;
import dev.tau.core.util.AtomicFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One conversation's audit store (tau-spec §1.3, §5.8): {@code
 * <base>/channels/<transport>/<channel>/} with {@code log.jsonl}, {@code context.jsonl}, {@code
 * artifacts/index.jsonl}, {@code attachments/index.jsonl} and {@code schema.json}.
 *
 * <p>Crash safety: each append writes whole lines and forces them to disk before returning. A line
 * torn by a crash is tolerated: reading skips it (counted as invalid), and opening first ends it
 * with a newline so later lines stay intact. A caller that commits a batch of events at once may
 * turn the per-append force off ({@link #forceOnAppend(boolean)}) and call {@link #sync()} before
 * it acknowledges them: the lines are written at once (a killed process loses none), only the force
 * is shared.
 *
 * <p>Idempotency per event key: a log line is identified by its event key, direction and payload
 * {@code status}; a context line by its event key and role. Appending a line already recorded is a
 * no-op, so re-processing a retried event does not duplicate lines.
 */
public final class ChannelStore {
  private final Path dir;
  private final String transport;
  private final String channelId;
  private final Set<String> logKeys = new HashSet<>();
  private final Set<String> contextKeys = new HashSet<>();
  // bytes of log.jsonl / context.jsonl already in the index: a reused store reads only what was
  // appended since (by anyone), never the whole file again
  private long logIndexed;
  private long contextIndexed;
  private boolean forceOnAppend = true;
  private boolean logDirty;
  private boolean contextDirty;

  /** {@code inbound}, {@code outbound} or {@code system}. */
  public enum Direction {
    INBOUND,
    OUTBOUND,
    SYSTEM;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** A {@code log.jsonl} line; {@code eventKey} "" is written as null. */
  public record LogEntry(
      long timestampUnixMs,
      Direction direction,
      String eventKey,
      String source,
      ObjectNode payload) {
    public ObjectNode toJson() {
      ObjectNode node = Json.object();
      node.put("timestamp_unix_ms", timestampUnixMs);
      node.put("direction", direction.wire());
      if (eventKey.isEmpty()) {
        node.putNull("event_key");
      } else {
        node.put("event_key", eventKey);
      }
      node.put("source", source);
      node.set("payload", payload);
      return node;
    }

    String identity() {
      return eventKey + '\n' + direction.wire() + '\n' + Json.text(payload, "status", "");
    }
  }

  /** A {@code context.jsonl} line; {@code event_key} is Tau's addition for idempotency. */
  public record ContextEntry(long timestampUnixMs, String role, String text, String eventKey) {
    public ObjectNode toJson() {
      ObjectNode node = Json.object();
      node.put("timestamp_unix_ms", timestampUnixMs);
      node.put("role", role);
      node.put("text", text);
      if (!eventKey.isEmpty()) {
        node.put("event_key", eventKey);
      }
      return node;
    }
  }

  /** Lines read back, and how many could not be parsed. */
  public record Lines(List<JsonNode> records, int invalidLines) {}

  private ChannelStore(Path dir, String transport, String channelId) {
    this.dir = dir;
    this.transport = transport;
    this.channelId = channelId;
  }

  /**
   * Opens (creating if needed) the store of one conversation.
   *
   * @throws IllegalArgumentException when transport or channel id is blank, or the existing {@code
   *     schema.json} belongs to another store or schema
   * @throws UncheckedIOException when the directory cannot be prepared
   */
  public static ChannelStore open(Path baseDir, String transport, String channelId) {
    if (transport.isBlank()) {
      throw new IllegalArgumentException("channel store transport cannot be empty");
    }
    if (channelId.isBlank()) {
      throw new IllegalArgumentException("channel store channel_id cannot be empty");
    }
    String t = transport.strip();
    String c = channelId.strip();
    Path dir = baseDir.resolve("channels").resolve(sanitize(t)).resolve(sanitize(c));
    ChannelStore store = new ChannelStore(dir, t, c);
    try {
      store.prepare();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open channel store " + dir, e);
    }
    return store;
  }

  /**
   * Chars outside {@code [A-Za-z0-9._-]} → {@code _}, trim {@code _}; a changed id gets {@code -<8
   * hex of its SHA-256>}, an all-dot or empty one becomes {@code channel} (see {@link PathNames}).
   */
  public static String sanitize(String raw) {
    return PathNames.sanitize(raw, "", "channel");
  }

  private void prepare() throws IOException {
    Files.createDirectories(dir.resolve("artifacts"));
    Files.createDirectories(dir.resolve("attachments"));
    for (Path file :
        List.of(
            logFile(),
            contextFile(),
            dir.resolve("artifacts/index.jsonl"),
            dir.resolve("attachments/index.jsonl"))) {
      if (!Files.exists(file)) {
        Files.createFile(file);
      }
      endTornLine(file);
    }
    Path schema = dir.resolve("schema.json");
    if (Files.exists(schema)) {
      JsonNode node;
      try {
        node = Json.parse(Files.readString(schema));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(schema + " is not valid JSON: " + e.getMessage(), e);
      }
      if (Json.number(node, "schema_version", -1) != 1
          || !transport.equals(Json.text(node, "transport", ""))
          || !channelId.equals(Json.text(node, "channel_id", ""))) {
        throw new IllegalArgumentException(
            schema
                + " belongs to another store or schema (expected schema_version 1, transport "
                + transport
                + ", channel_id "
                + channelId
                + ")");
      }
    } else {
      ObjectNode node = Json.object();
      node.put("schema_version", 1);
      node.put("transport", transport);
      node.put("channel_id", channelId);
      AtomicFiles.write(schema, Json.write(node) + "\n");
    }
    logIndexed = indexFrom(logFile(), 0, this::indexLog);
    contextIndexed = indexFrom(contextFile(), 0, this::indexContext);
  }

  private void indexLog(JsonNode line) {
    String key = Json.text(line, "event_key", "");
    JsonNode payload = line.get("payload");
    logKeys.add(
        key + '\n' + Json.text(line, "direction", "") + '\n' + Json.text(payload, "status", ""));
  }

  private void indexContext(JsonNode line) {
    String key = Json.text(line, "event_key", "");
    if (!key.isEmpty()) {
      contextKeys.add(key + '\n' + Json.text(line, "role", ""));
    }
  }

  /**
   * Indexes the whole lines of {@code file} from byte {@code offset} on (a last line without its
   * newline is left for later) and returns the offset after the last one.
   */
  /** Longest line indexed; a longer one is skipped like a torn line, without being held. */
  static final int MAX_INDEXED_LINE_BYTES = 64 * 1024 * 1024;

  /**
   * Indexes the complete lines from {@code offset}, read in bounded chunks (a file of any size;
   * only one line is held at a time), and returns the offset after the last complete line.
   */
  private static long indexFrom(Path file, long offset, Consumer<JsonNode> index)
      throws IOException {
    long done = offset;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
      java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
      boolean oversize = false;
      long position = offset;
      while (true) {
        chunk.clear();
        int n = ch.read(chunk, position);
        if (n <= 0) {
          break;
        }
        byte[] bytes = chunk.array();
        int start = 0;
        for (int i = 0; i < n; i++) {
          if (bytes[i] != '\n') {
            continue;
          }
          if (!oversize) {
            line.write(bytes, start, i - start);
            if (line.size() > 0) {
              parseLine(line.toString(StandardCharsets.UTF_8), index);
            }
          }
          line.reset();
          oversize = false;
          start = i + 1;
          done = position + i + 1;
        }
        if (!oversize) {
          line.write(bytes, start, n - start);
          if (line.size() > MAX_INDEXED_LINE_BYTES) {
            oversize = true;
            line.reset();
          }
        }
        position += n;
      }
    }
    return done;
  }

  private static void parseLine(String line, Consumer<JsonNode> index) {
    if (line.isBlank()) {
      return;
    }
    try {
      JsonNode node = Json.parse(line);
      if (node.isObject()) {
        index.accept(node);
      }
    } catch (IllegalArgumentException e) {
      // a torn line: skipped, as reading does
    }
  }

  /**
   * Brings the idempotency index of a store kept open up to date with lines appended since (by
   * another process too): only the new bytes are read; a file that shrank is indexed again.
   *
   * @throws UncheckedIOException when the files cannot be read (for example the directory was
   *     removed; open the store again)
   */
  public synchronized void refresh() {
    try {
      if (Files.size(logFile()) < logIndexed) {
        logKeys.clear();
        logIndexed = 0;
      }
      if (Files.size(contextFile()) < contextIndexed) {
        contextKeys.clear();
        contextIndexed = 0;
      }
      logIndexed = indexFrom(logFile(), logIndexed, this::indexLog);
      contextIndexed = indexFrom(contextFile(), contextIndexed, this::indexContext);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read channel store " + dir, e);
    }
  }

  /**
   * Whether each append forces its lines to disk before returning (the default). When off, the
   * lines are still written before the append returns, and {@link #sync()} forces them.
   */
  public synchronized ChannelStore forceOnAppend(boolean value) {
    this.forceOnAppend = value;
    return this;
  }

  /** Whether lines appended without a force are waiting for {@link #sync()}. */
  public synchronized boolean unsynced() {
    return logDirty || contextDirty;
  }

  /**
   * Forces the lines appended since the last sync to disk (nothing to do when every append forced
   * its own).
   *
   * @throws UncheckedIOException when a file cannot be forced
   */
  public synchronized void sync() {
    if (logDirty) {
      force(logFile());
      logDirty = false;
    }
    if (contextDirty) {
      force(contextFile());
      contextDirty = false;
    }
  }

  private static void force(Path file) {
    // fsync through a new descriptor flushes every dirty page of the file, whoever wrote it
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot force channel store file " + file, e);
    }
  }

  /** A crash can leave a last line without its newline; end it so the next append starts clean. */
  private static void endTornLine(Path file) throws IOException {
    long size = Files.size(file);
    if (size == 0) {
      return;
    }
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer last = ByteBuffer.allocate(1);
      ch.read(last, size - 1);
      if (last.get(0) != '\n') {
        ch.write(ByteBuffer.wrap(new byte[] {'\n'}), size);
        ch.force(false);
      }
    }
  }

  public Path dir() {
    return dir;
  }

  public Path logFile() {
    return dir.resolve("log.jsonl");
  }

  public Path contextFile() {
    return dir.resolve("context.jsonl");
  }

  /** Whether a log line with this event key, direction and status is already recorded. */
  public synchronized boolean hasLog(String eventKey, Direction direction, String status) {
    return logKeys.contains(eventKey + '\n' + direction.wire() + '\n' + status);
  }

  /** Whether a context line with this event key and role is already recorded. */
  public synchronized boolean hasContext(String eventKey, String role) {
    return contextKeys.contains(eventKey + '\n' + role);
  }

  /**
   * Appends the log lines not yet recorded, in one write forced to disk.
   *
   * @return how many lines were written
   */
  public synchronized int appendLog(List<LogEntry> entries) {
    StringBuilder text = new StringBuilder();
    List<String> added = new ArrayList<>();
    for (LogEntry e : entries) {
      String id = e.identity();
      if (e.eventKey().isEmpty() || (!logKeys.contains(id) && !added.contains(id))) {
        text.append(Json.write(e.toJson())).append('\n');
        added.add(id);
      }
    }
    logIndexed = append(logFile(), text, logIndexed, forceOnAppend);
    logDirty |= !forceOnAppend && !added.isEmpty();
    logKeys.addAll(added);
    return added.size();
  }

  /** Appends the context lines not yet recorded (per event key and role), forced to disk. */
  public synchronized int appendContext(List<ContextEntry> entries) {
    StringBuilder text = new StringBuilder();
    List<String> added = new ArrayList<>();
    for (ContextEntry e : entries) {
      String id = e.eventKey() + '\n' + e.role();
      if (e.eventKey().isEmpty() || (!contextKeys.contains(id) && !added.contains(id))) {
        text.append(Json.write(e.toJson())).append('\n');
        added.add(id);
      }
    }
    contextIndexed = append(contextFile(), text, contextIndexed, forceOnAppend);
    contextDirty |= !forceOnAppend && !added.isEmpty();
    contextKeys.addAll(added);
    return added.size();
  }

  private static void append(Path file, CharSequence text) {
    append(file, text, -1, true);
  }

  /**
   * Appends {@code text} in one write and returns the new indexed offset: past the written bytes
   * when the file ended at {@code indexed} before and no one else wrote meanwhile, else {@code
   * indexed} unchanged (the next {@link #refresh()} reads the lines from there).
   */
  private static long append(Path file, CharSequence text, long indexed, boolean force) {
    if (text.isEmpty()) {
      return indexed;
    }
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
      long before = ch.size();
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        ch.write(buffer);
      }
      if (force) {
        ch.force(false);
      }
      return before == indexed && ch.size() == before + bytes.length
          ? before + bytes.length
          : indexed;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to channel store file " + file, e);
    }
  }

  /**
   * An {@code artifacts/index.jsonl} record (tau-spec §1.3).
   *
   * @param relativePath the artifact file, relative to the store directory
   * @param expiresUnixMs when it may be purged; 0 for never (written as null)
   */
  public record Artifact(
      String id,
      String runId,
      String artifactType,
      String visibility,
      String relativePath,
      long bytes,
      String checksumSha256,
      long createdUnixMs,
      long expiresUnixMs) {
    public ObjectNode toJson() {
      ObjectNode node = Json.object();
      node.put("id", id);
      node.put("run_id", runId);
      node.put("artifact_type", artifactType);
      node.put("visibility", visibility);
      node.put("relative_path", relativePath);
      node.put("bytes", bytes);
      node.put("checksum_sha256", checksumSha256);
      node.put("created_unix_ms", createdUnixMs);
      if (expiresUnixMs == 0) {
        node.putNull("expires_unix_ms");
      } else {
        node.put("expires_unix_ms", expiresUnixMs);
      }
      return node;
    }
  }

  /**
   * Writes an artifact file under {@code artifacts/<run>/<type>-<id>.<ext>} (atomically) and then
   * its index line (forced to disk), so the index never names a missing file.
   *
   * @param retentionDays days until it expires; 0 for never
   */
  public synchronized Artifact writeArtifact(
      String runId,
      String artifactType,
      String visibility,
      String extension,
      String content,
      int retentionDays,
      long nowUnixMs) {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    String checksum;
    try {
      checksum =
          java.util.HexFormat.of()
              .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
    String id = "artifact-" + nowUnixMs + "-" + checksum.substring(0, 8);
    String relative =
        "artifacts/"
            + sanitize(runId)
            + "/"
            + sanitize(artifactType)
            + "-"
            + id
            + "."
            + sanitize(extension);
    try {
      Path file = dir.resolve(relative);
      Files.createDirectories(file.getParent());
      AtomicFiles.write(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write channel store artifact " + relative, e);
    }
    Artifact artifact =
        new Artifact(
            id,
            runId,
            artifactType,
            visibility,
            relative,
            bytes.length,
            checksum,
            nowUnixMs,
            retentionDays == 0 ? 0 : nowUnixMs + retentionDays * 86_400_000L);
    append(dir.resolve("artifacts/index.jsonl"), Json.write(artifact.toJson()) + "\n");
    return artifact;
  }

  public Lines readLog() {
    return read(logFile());
  }

  public Lines readContext() {
    return read(contextFile());
  }

  private static Lines read(Path file) {
    List<JsonNode> records = new ArrayList<>();
    int invalid = 0;
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        try {
          JsonNode node = Json.parse(line);
          if (node.isObject()) {
            records.add(node);
          } else {
            invalid++;
          }
        } catch (IllegalArgumentException e) {
          invalid++;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read channel store file " + file, e);
    }
    return new Lines(records, invalid);
  }
}
