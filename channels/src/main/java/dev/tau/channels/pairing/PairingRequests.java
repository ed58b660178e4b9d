package dev.tau.channels.pairing;

import dev.tau.channels.access.PairingPolicy;
import dev.tau.core.json.Json;
import dev.tau.core.util.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Pairing as a flow: a stranger's DM gets a short one-time code with an expiry ({@code
 * pairing-requests.json}); the operator approves the code ({@code bin/tau pairing approve}), which
 * adds the actor to {@code pairings.json}, the file the access decision reads. One pending code per
 * actor; at most {@code maxCodesPerWindow} new codes per window per transport, so a flood on one
 * platform cannot lock out another, and at most {@code maxCodesGlobal} across all of them.
 *
 * <p>The runner and {@code bin/tau pairing …} are separate processes: every operation holds an
 * exclusive lock on {@code <security>/.pairing.lock} around its read-modify-write, so neither loses
 * the other's change. Both files are written owner-only ({@code rw-------}).
 */
public final class PairingRequests {
  public static final String REQUESTS_FILE = "pairing-requests.json";

  /** Letters and digits without look-alikes (0/O, 1/I/L), read aloud or typed from a phone. */
  private static final char[] ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789".toCharArray();

  /** The lock file every operation holds, next to the pairing files. */
  public static final String LOCK_FILE = ".pairing.lock";

  /**
   * Defaults: codes live an hour; at most 20 new codes per 10 minutes per transport, 60 across all.
   */
  public static final Duration DEFAULT_TTL = Duration.ofHours(1);

  public static final int DEFAULT_MAX_CODES = 20;
  public static final int DEFAULT_MAX_CODES_GLOBAL = 60;
  public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(10);

  private static final Object JVM_LOCK = new Object();

  private final Path securityDir;
  private final Clock clock;
  private final RandomGenerator random;
  private final Duration ttl;
  private final int maxCodesPerWindow;
  private final int maxCodesGlobal;
  private final Duration window;

  /**
   * @param maxCodesPerWindow new codes per window on one transport
   * @param maxCodesGlobal new codes per window on all transports together
   */
  public PairingRequests(
      Path securityDir,
      Clock clock,
      RandomGenerator random,
      Duration ttl,
      int maxCodesPerWindow,
      int maxCodesGlobal,
      Duration window) {
    this.securityDir = Objects.requireNonNull(securityDir, "securityDir");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
    this.ttl = Objects.requireNonNull(ttl, "ttl");
    this.window = Objects.requireNonNull(window, "window");
    if (maxCodesPerWindow < 1) {
      throw new IllegalArgumentException("maxCodesPerWindow must be >= 1");
    }
    if (maxCodesGlobal < maxCodesPerWindow) {
      throw new IllegalArgumentException("maxCodesGlobal must be >= maxCodesPerWindow");
    }
    this.maxCodesPerWindow = maxCodesPerWindow;
    this.maxCodesGlobal = maxCodesGlobal;
  }

  /** With the defaults and a {@link SecureRandom}. */
  public static PairingRequests defaults(Path securityDir, Clock clock) {
    return new PairingRequests(
        securityDir,
        clock,
        new SecureRandom(),
        DEFAULT_TTL,
        DEFAULT_MAX_CODES,
        DEFAULT_MAX_CODES_GLOBAL,
        DEFAULT_WINDOW);
  }

  /** A pending request as stored. */
  public record Request(
      String code,
      String channel,
      String actorId,
      String actorDisplay,
      long requestedUnixMs,
      long expiresUnixMs) {}

  /** A code for {@code actorId} on {@code channel} ({@code <transport>:<conversation_id>}). */
  public synchronized PairingOutcome request(String channel, String actorId, String actorDisplay) {
    return locked(() -> issue(channel, actorId, actorDisplay));
  }

  private PairingOutcome issue(String channel, String actorId, String actorDisplay) {
    long now = clock.millis();
    List<Request> live = pending(now);
    for (Request r : live) {
      if (r.channel().equals(channel) && r.actorId().equalsIgnoreCase(actorId)) {
        return new PairingOutcome.Pending(r.code(), r.expiresUnixMs());
      }
    }
    long windowStart = now - window.toMillis();
    List<Request> recent = live.stream().filter(r -> r.requestedUnixMs() > windowStart).toList();
    String transport = transport(channel);
    List<Request> sameTransport =
        recent.stream().filter(r -> transport(r.channel()).equals(transport)).toList();
    List<Request> full =
        sameTransport.size() >= maxCodesPerWindow
            ? sameTransport
            : recent.size() >= maxCodesGlobal ? recent : List.of();
    if (!full.isEmpty()) {
      long oldest = full.stream().mapToLong(Request::requestedUnixMs).min().orElse(now);
      return new PairingOutcome.RateLimited(Math.max(1, oldest + window.toMillis() - now));
    }
    String code = newCode(live);
    Request request = new Request(code, channel, actorId, actorDisplay, now, now + ttl.toMillis());
    List<Request> next = new ArrayList<>(live);
    next.add(request);
    writeRequests(next);
    return new PairingOutcome.Issued(code, request.expiresUnixMs());
  }

  /** Unexpired requests, oldest first. */
  public synchronized List<Request> pending() {
    return locked(() -> pending(clock.millis()));
  }

  /** The outcome of an approval. */
  public sealed interface Approval {
    /** The actor is paired; {@code pairings.json} has the entry. */
    record Approved(Request request) implements Approval {}

    /** No pending, unexpired request has this code on this channel. */
    record UnknownCode() implements Approval {}
  }

  /**
   * Approves a code: the actor is written to {@code pairings.json} (valid for {@code pairingTtl},
   * or without expiry when it is zero) and the request is removed.
   */
  public synchronized Approval approve(
      String channel, String code, String approvedBy, Duration pairingTtl) {
    return locked(() -> approveLocked(channel, code, approvedBy, pairingTtl));
  }

  private Approval approveLocked(
      String channel, String code, String approvedBy, Duration pairingTtl) {
    long now = clock.millis();
    String wanted = normalise(code);
    List<Request> live = pending(now);
    Optional<Request> match =
        live.stream()
            .filter(r -> r.channel().equals(channel))
            .filter(
                r ->
                    MessageDigest.isEqual(
                        r.code().getBytes(StandardCharsets.US_ASCII),
                        wanted.getBytes(StandardCharsets.US_ASCII)))
            .findFirst();
    if (match.isEmpty()) {
      return new Approval.UnknownCode();
    }
    Request request = match.get();
    ObjectNode pairings = readPairings();
    ObjectNode entry = pairings.withArrayProperty("pairings").addObject();
    entry.put("channel", channel);
    entry.put("actor_id", request.actorId());
    entry.put("paired_by", approvedBy);
    entry.put("issued_unix_ms", now);
    entry.put("expires_unix_ms", pairingTtl.isZero() ? 0 : now + pairingTtl.toMillis());
    write(securityDir.resolve(PairingPolicy.PAIRINGS_FILE), pairings);
    List<Request> rest = new ArrayList<>(live);
    rest.remove(request);
    writeRequests(rest);
    return new Approval.Approved(request);
  }

  /** Removes every pairing of {@code actorId} on {@code channel}; how many were removed. */
  public synchronized int revoke(String channel, String actorId) {
    return locked(() -> revokeLocked(channel, actorId));
  }

  private int revokeLocked(String channel, String actorId) {
    ObjectNode pairings = readPairings();
    ArrayNode list = pairings.withArrayProperty("pairings");
    int removed = 0;
    for (int i = list.size() - 1; i >= 0; i--) {
      JsonNode p = list.get(i);
      if (p.path("channel").asString("").equals(channel)
          && p.path("actor_id").asString("").equalsIgnoreCase(actorId)) {
        list.remove(i);
        removed++;
      }
    }
    if (removed > 0) {
      write(securityDir.resolve(PairingPolicy.PAIRINGS_FILE), pairings);
    }
    return removed;
  }

  /** The entries of {@code pairings.json}, as stored. */
  public synchronized List<JsonNode> pairings() {
    return locked(
        () -> {
          List<JsonNode> out = new ArrayList<>();
          readPairings().withArrayProperty("pairings").forEach(out::add);
          return out;
        });
  }

  /** {@code telegram} of {@code telegram:555}; the whole channel when it has no colon. */
  static String transport(String channel) {
    int colon = channel.indexOf(':');
    return (colon < 0 ? channel : channel.substring(0, colon)).toLowerCase(Locale.ROOT);
  }

  /**
   * Runs {@code body} holding the exclusive lock on {@link #LOCK_FILE} (other processes wait; the
   * {@code synchronized} methods keep the threads of this one apart, which a file lock cannot).
   */
  private <T> T locked(Supplier<T> body) {
    Path lockFile = securityDir.resolve(LOCK_FILE);
    // one JVM may hold several instances (runner, gateway): a second lock() on the same file from
    // this process would throw OverlappingFileLockException instead of waiting
    synchronized (JVM_LOCK) {
      return lockedInProcess(lockFile, body);
    }
  }

  private static <T> T lockedInProcess(Path lockFile, Supplier<T> body) {
    Path securityDir = lockFile.getParent();
    try {
      AtomicFiles.createOwnerOnlyDirectories(securityDir);
      try (FileChannel channel =
              FileChannel.open(
                  lockFile,
                  Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                  AtomicFiles.ownerOnlyFileAttributes(lockFile));
          FileLock lock = channel.lock()) {
        return body.get();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock " + lockFile + ": " + e.getMessage(), e);
    }
  }

  /** Upper-cases and drops spaces and dashes, so {@code abcd-efgh} matches {@code ABCDEFGH}. */
  static String normalise(String code) {
    return code.strip().toUpperCase(Locale.ROOT).replace("-", "").replace(" ", "");
  }

  /** A code shown to people as {@code ABCD-EFGH}. */
  public static String display(String code) {
    return code.length() == 8 ? code.substring(0, 4) + "-" + code.substring(4) : code;
  }

  private String newCode(List<Request> live) {
    while (true) {
      char[] chars = new char[8];
      for (int i = 0; i < chars.length; i++) {
        chars[i] = ALPHABET[random.nextInt(ALPHABET.length)];
      }
      String code = new String(chars);
      if (live.stream().noneMatch(r -> r.code().equals(code))) {
        return code;
      }
    }
  }

  private List<Request> pending(long now) {
    Path file = securityDir.resolve(REQUESTS_FILE);
    List<Request> out = new ArrayList<>();
    if (!Files.exists(file)) {
      return out;
    }
    JsonNode root = parse(file);
    for (JsonNode r : root.path("requests")) {
      Request request =
          new Request(
              r.path("code").asString(""),
              r.path("channel").asString(""),
              r.path("actor_id").asString(""),
              r.path("actor_display").asString(""),
              r.path("requested_unix_ms").asLong(0),
              r.path("expires_unix_ms").asLong(0));
      if (request.expiresUnixMs() > now && !request.code().isEmpty()) {
        out.add(request);
      }
    }
    return out;
  }

  private void writeRequests(List<Request> requests) {
    ObjectNode root = Json.object().put("schema_version", 1);
    ArrayNode list = root.putArray("requests");
    for (Request r : requests) {
      list.addObject()
          .put("code", r.code())
          .put("channel", r.channel())
          .put("actor_id", r.actorId())
          .put("actor_display", r.actorDisplay())
          .put("requested_unix_ms", r.requestedUnixMs())
          .put("expires_unix_ms", r.expiresUnixMs());
    }
    write(securityDir.resolve(REQUESTS_FILE), root);
  }

  private ObjectNode readPairings() {
    Path file = securityDir.resolve(PairingPolicy.PAIRINGS_FILE);
    if (!Files.exists(file)) {
      ObjectNode root = Json.object().put("schema_version", 1);
      root.putArray("pairings");
      return root;
    }
    JsonNode root = parse(file);
    if (!root.isObject()) {
      throw new UncheckedIOException(new IOException(file + " is not a JSON object"));
    }
    return (ObjectNode) root;
  }

  private static JsonNode parse(Path file) {
    try {
      return Json.parse(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new UncheckedIOException(new IOException(file + " is not valid JSON"));
    }
  }

  private static void write(Path file, ObjectNode root) {
    try {
      AtomicFiles.writeOwnerOnly(
          file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
