package dev.tau.channels.secrets;

import dev.tau.core.json.Json;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The local credential store of tau-spec §1.4 ({@code .tau/credentials.json}): integration secrets
 * such as {@code telegram-bot-token}, encrypted with AES-256-GCM unless the mode is {@code none}.
 * Other parts of the file (provider entries) are kept as they are when it is rewritten. Writes are
 * atomic and the file is owner-only ({@code 0600}). Not thread-safe: one command at a time.
 */
public final class CredentialStore {
  /** Default file, relative to the working directory. */
  public static final String DEFAULT_PATH = ".tau/credentials.json";

  private static final Pattern ID = Pattern.compile("^[a-z0-9._-]+$");

  private final Path file;
  private final StoreEncryption mode;
  private final SecretCipher cipher;
  private final Clock clock;
  private ObjectNode root;

  private CredentialStore(
      Path file, StoreEncryption mode, SecretCipher cipher, Clock clock, ObjectNode root) {
    this.file = file;
    this.mode = mode;
    this.cipher = cipher;
    this.clock = clock;
    this.root = root;
  }

  /**
   * Opens the store; a missing file is an empty store (created on the first write).
   *
   * @param key the configured key ({@code --credential-store-key}), or null for the machine key
   * @throws CredentialStoreException when the file cannot be read or is not a store
   */
  public static CredentialStore open(
      Path file, StoreEncryption mode, String key, Map<String, String> env, Clock clock) {
    Objects.requireNonNull(file, "file");
    SecretCipher cipher =
        mode == StoreEncryption.NONE
            ? null
            : key != null && !key.isEmpty() ? SecretCipher.withKey(key) : SecretCipher.machine(env);
    ObjectNode root;
    if (!Files.exists(file)) {
      root = Json.object().put("schema_version", 1).put("encryption", effective(mode));
    } else {
      try {
        JsonNode node = Json.parse(Files.readString(file, StandardCharsets.UTF_8));
        if (!node.isObject() || node.path("schema_version").asInt(0) != 1) {
          throw new CredentialStoreException(
              "credential store " + file + " is not a schema_version 1 store");
        }
        root = (ObjectNode) node;
      } catch (IOException e) {
        throw new CredentialStoreException(
            "cannot read credential store " + file + ": " + e.getMessage(), e);
      } catch (IllegalArgumentException e) {
        throw new CredentialStoreException("credential store " + file + " is not valid JSON");
      }
    }
    return new CredentialStore(file, mode, cipher, clock, root);
  }

  private static String effective(StoreEncryption mode) {
    return mode == StoreEncryption.NONE ? "none" : "keyed";
  }

  public Path file() {
    return file;
  }

  /**
   * Normalises an integration id to lowercase.
   *
   * @throws IllegalArgumentException naming the id when it has other characters than {@code a-z 0-9
   *     . _ -}
   */
  public static String normaliseId(String id) {
    String lower = id.strip().toLowerCase(Locale.ROOT);
    if (!ID.matcher(lower).matches()) {
      throw new IllegalArgumentException(
          "integration credential id "
              + displayId(id)
              + " contains unsupported characters (allowed: a-z 0-9 . _ -)");
    }
    return lower;
  }

  /**
   * An id as messages may show it: a valid id normalised; an invalid one only by its first 4
   * characters and its length ({@code '123:…' (46 chars)}), because an invalid id is often a secret
   * given in the id's place ({@code set <token> <id>}).
   */
  public static String displayId(String id) {
    String lower = id.strip().toLowerCase(Locale.ROOT);
    if (ID.matcher(lower).matches()) {
      return lower;
    }
    int shown = id.offsetByCodePoints(0, Math.min(4, id.codePointCount(0, id.length())));
    String head = id.substring(0, shown).replaceAll("[\\p{Cc}\\p{Cf}]", "?");
    return "'" + head + "…' (" + id.length() + " chars)";
  }

  /** What {@code set} and {@code rotate} report. */
  public enum SaveStatus {
    SAVED,
    ROTATED,
    CREATED;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Stores {@code secret} under {@code id} (not revoked); returns {@code saved}. */
  public SaveStatus set(String id, String secret) {
    put(normaliseId(id), secret);
    return SaveStatus.SAVED;
  }

  /** Replaces the secret; {@code rotated} when the id existed, else {@code created}. */
  public SaveStatus rotate(String id, String secret) {
    String key = normaliseId(id);
    boolean existed = integrations().has(key);
    put(key, secret);
    return existed ? SaveStatus.ROTATED : SaveStatus.CREATED;
  }

  /** Marks the id revoked (the secret is erased); false when the id was not stored. */
  public boolean revoke(String id) {
    String key = normaliseId(id);
    JsonNode entry = integrations().get(key);
    if (entry == null) {
      return false;
    }
    ObjectNode revoked = Json.object();
    revoked.putNull("secret");
    revoked.put("revoked", true);
    revoked.put("updated_unix", clock.instant().getEpochSecond());
    integrations().set(key, revoked);
    save();
    return true;
  }

  /** The time of the last change to {@code id}, in Unix seconds; 0 when absent. */
  public long updatedUnix(String id) {
    return integrations().path(normaliseId(id)).path("updated_unix").asLong(0);
  }

  /**
   * The secret under {@code id} with its source: {@code credential_store}, {@code
   * credential_store_revoked}, {@code credential_store_error} (does not decrypt) or {@code
   * missing}.
   */
  public ResolvedSecret lookup(String id) {
    JsonNode entry = integrations().get(normaliseId(id));
    if (entry == null) {
      return ResolvedSecret.none(SecretSource.MISSING);
    }
    if (entry.path("revoked").asBoolean(false)) {
      return ResolvedSecret.none(SecretSource.CREDENTIAL_STORE_REVOKED);
    }
    JsonNode stored = entry.get("secret");
    if (stored == null || !stored.isString() || stored.asString().isEmpty()) {
      return ResolvedSecret.none(SecretSource.MISSING);
    }
    String value;
    try {
      value = reveal(stored.asString());
    } catch (CredentialStoreException e) {
      return ResolvedSecret.none(SecretSource.CREDENTIAL_STORE_ERROR);
    }
    return value.isEmpty()
        ? ResolvedSecret.none(SecretSource.MISSING)
        : ResolvedSecret.of(value, SecretSource.CREDENTIAL_STORE);
  }

  /**
   * One status row (tau-spec §1.4).
   *
   * @param state {@code ready}, {@code revoked}, {@code missing_secret} or {@code
   *     missing_credential}
   */
  public record IntegrationStatus(
      String integrationId,
      boolean available,
      String state,
      String reason,
      long updatedUnix,
      boolean revoked) {
    public ObjectNode toJson() {
      ObjectNode node = Json.object();
      node.put("integration_id", integrationId);
      node.put("available", available);
      node.put("state", state);
      node.put("source", "credential_store");
      node.put("reason", reason);
      node.put("updated_unix", updatedUnix);
      node.put("revoked", revoked);
      return node;
    }
  }

  /** Status of one id, or of every stored id when {@code id} is empty. */
  public List<IntegrationStatus> status(Optional<String> id) {
    List<String> ids = new ArrayList<>();
    if (id.isPresent()) {
      ids.add(normaliseId(id.get()));
    } else {
      integrations().propertyNames().forEach(ids::add);
      ids.sort(String::compareTo);
    }
    List<IntegrationStatus> rows = new ArrayList<>();
    for (String key : ids) {
      JsonNode entry = integrations().get(key);
      long updated = entry == null ? 0 : entry.path("updated_unix").asLong(0);
      if (entry == null) {
        rows.add(new IntegrationStatus(key, false, "missing_credential", "not stored", 0, false));
        continue;
      }
      if (entry.path("revoked").asBoolean(false)) {
        rows.add(new IntegrationStatus(key, false, "revoked", "revoked", updated, true));
        continue;
      }
      ResolvedSecret secret = lookup(key);
      rows.add(
          switch (secret.source()) {
            case CREDENTIAL_STORE ->
                new IntegrationStatus(key, true, "ready", "secret stored", updated, false);
            case CREDENTIAL_STORE_ERROR ->
                new IntegrationStatus(
                    key, false, "unreadable", "does not decrypt with this key", updated, false);
            default ->
                new IntegrationStatus(key, false, "missing_secret", "empty secret", updated, false);
          });
    }
    return rows;
  }

  private ObjectNode integrations() {
    JsonNode node = root.get("integrations");
    if (node == null || !node.isObject()) {
      return root.putObject("integrations");
    }
    return (ObjectNode) node;
  }

  private void put(String key, String secret) {
    if (secret == null || secret.isEmpty()) {
      throw new IllegalArgumentException("the secret for '" + key + "' must not be empty");
    }
    ObjectNode entry = Json.object();
    entry.put("secret", cipher == null ? secret : cipher.encrypt(secret));
    entry.put("revoked", false);
    entry.put("updated_unix", clock.instant().getEpochSecond());
    integrations().set(key, entry);
    root.put("encryption", effective(mode));
    save();
  }

  private String reveal(String stored) {
    if (stored.startsWith("enc:")) {
      if (cipher == null) {
        throw new CredentialStoreException("an encrypted secret needs a keyed store");
      }
      return cipher.decrypt(stored);
    }
    return stored;
  }

  /** Writes a sibling temp file with owner-only permissions, forces it, then renames it. */
  private void save() {
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path temp;
      try {
        temp =
            Files.createTempFile(
                dir,
                ".credentials",
                ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException notPosix) {
        temp = Files.createTempFile(dir, ".credentials", ".tmp");
      }
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        channel.write(
            java.nio.ByteBuffer.wrap(
                (Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n")
                    .getBytes(StandardCharsets.UTF_8)));
        channel.force(true);
      }
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new CredentialStoreException(
          "cannot write credential store " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "CredentialStore[" + file + ", " + effective(mode) + "]";
  }
}
